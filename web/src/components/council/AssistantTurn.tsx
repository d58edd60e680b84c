// One council answer (stored or live): progress, the three stages, model failures and run errors.
import type { AssistantMessage } from '../../api/types';
import type { RunState } from '../../lib/run';
import { ErrorAlert } from '../Alert';
import { Busy } from '../Spinner';
import { Stage1 } from './Stage1';
import { Stage2 } from './Stage2';
import { Stage3 } from './Stage3';
import { StageProgress } from './StageProgress';

function ModelErrors({ message }: { message: AssistantMessage }) {
  const errors = message.metadata?.errors ?? [];
  if (errors.length === 0) return null;
  return (
    <details class="model-errors">
      <summary>
        {errors.length} model call{errors.length === 1 ? '' : 's'} failed
      </summary>
      <ul>
        {errors.map((e, i) => (
          <li key={i}>
            <strong>{e.model}</strong> ({e.stage}
            {e.status ? `, HTTP ${e.status}` : ''}): {e.message}
          </li>
        ))}
      </ul>
    </details>
  );
}

/** Renders an assistant message; pass `run` while it is being streamed (busy lines show only until it finishes). */
export function AssistantTurn({ message, run, idPrefix }: { message: AssistantMessage; run?: RunState; idPrefix: string }) {
  const live = run && !run.finished;
  const stages = live ? run.stages : undefined;
  return (
    <article class="turn turn-assistant" aria-label="Council answer" aria-busy={live ? 'true' : 'false'}>
      {run && <StageProgress stages={run.stages} />}
      {stages?.stage1 === 'waiting' && <Busy text="Sending your question to the council…" />}
      {stages?.stage1 === 'running' && <Busy text="Collecting individual answers…" />}
      {message.stage1.length > 0 && <Stage1 results={message.stage1} idPrefix={idPrefix} />}
      {stages?.stage2 === 'running' && <Busy text="Models are ranking each other…" />}
      {(message.stage2.length > 0 || (message.metadata?.aggregate_rankings?.length ?? 0) > 0) && (
        <Stage2 results={message.stage2} metadata={message.metadata} idPrefix={idPrefix} />
      )}
      {stages?.stage3 === 'running' && <Busy text="The lead model is writing the final answer…" />}
      {message.stage3 && <Stage3 result={message.stage3} idPrefix={idPrefix} />}
      <ModelErrors message={message} />
      {run?.error && <ErrorAlert message={run.error} />}
    </article>
  );
}

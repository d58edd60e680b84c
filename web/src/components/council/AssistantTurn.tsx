// One council answer (stored or live): progress with Stop, the three stages (streamed token by token while
// live), model failures, how the run ended, its cost, and "Retry synthesis" for a failed or stopped run.
import type { AssistantMessage } from '../../api/types';
import type { RunState } from '../../lib/run';
import { ErrorAlert } from '../Alert';
import { Busy } from '../Spinner';
import { RunCost } from './RunCost';
import { RunOutcome, StoppedNote } from './RunOutcome';
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

function StopButton({ run, onStop }: { run: RunState; onStop: () => void }) {
  return (
    <div class="run-controls">
      <button type="button" class="button" disabled={!run.runId || run.stopping} onClick={onStop}>
        {run.stopping ? 'Stopping…' : 'Stop'}
      </button>
      {run.stopError && <ErrorAlert message={run.stopError} />}
    </div>
  );
}

interface AssistantTurnProps {
  message: AssistantMessage;
  /** The live run, while it streams and until the stored copy replaces it. */
  run?: RunState;
  idPrefix: string;
  onStop?: () => void;
  /** The conversation's council and lead, offered when stage 3 is retried. */
  models?: string[];
  leadModel?: string;
  onRetrySynthesis?: (leadModel: string) => void;
}

/** Renders an assistant message; pass `run` while it is being streamed (busy lines show only until it finishes). */
export function AssistantTurn({ message, run, idPrefix, onStop, models, leadModel, onRetrySynthesis }: AssistantTurnProps) {
  const live = run && !run.finished;
  const stages = live ? run.stages : undefined;
  const streamed1 = live ? Object.entries(run.streaming.stage1).map(([model, response]) => ({ model, response })) : [];
  const streamed3 = live ? run.streaming.stage3 : null;
  const retry = onRetrySynthesis && { idPrefix, models: models ?? [], leadModel, onRetry: onRetrySynthesis };
  return (
    <article class="turn turn-assistant" aria-label="Council answer" aria-busy={live ? 'true' : 'false'}>
      {run && <StageProgress stages={run.stages} />}
      {live && onStop && <StopButton run={run} onStop={onStop} />}
      {stages?.stage1 === 'waiting' && <Busy text="Sending your question to the council…" />}
      {stages?.stage1 === 'running' && streamed1.length === 0 && <Busy text="Collecting individual answers…" />}
      {message.stage1.length > 0 ? (
        <Stage1 results={message.stage1} idPrefix={idPrefix} />
      ) : (
        streamed1.length > 0 && <Stage1 results={streamed1} idPrefix={idPrefix} streaming />
      )}
      {stages?.stage2 === 'running' && <Busy text="Models are ranking each other…" />}
      {(message.stage2.length > 0 || (message.metadata?.aggregate_rankings?.length ?? 0) > 0) && (
        <Stage2 results={message.stage2} metadata={message.metadata} idPrefix={idPrefix} />
      )}
      {stages?.stage3 === 'running' && !streamed3 && <Busy text="The lead model is writing the final answer…" />}
      {message.stage3 ? (
        <Stage3 result={message.stage3} idPrefix={idPrefix} />
      ) : (
        streamed3 && <Stage3 result={{ model: streamed3.model, response: streamed3.text }} idPrefix={idPrefix} streaming />
      )}
      <ModelErrors message={message} />
      {!run && <RunOutcome message={message} retry={retry} />}
      {run?.cancelled && <StoppedNote />}
      {run?.error && <ErrorAlert message={run.error} />}
      <RunCost usage={message.usage} />
    </article>
  );
}

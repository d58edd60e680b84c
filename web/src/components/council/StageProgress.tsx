// The three-step progress line of a council run: waiting, running (spinner) or done per stage.
import type { RunState, StageStatus } from '../../lib/run';
import { Spinner } from '../Spinner';

const NAMES: Record<keyof RunState['stages'], string> = {
  stage1: 'Stage 1 · Answers',
  stage2: 'Stage 2 · Peer rankings',
  stage3: 'Stage 3 · Final answer',
};

function StatusIcon({ status }: { status: StageStatus }) {
  if (status === 'running') return <Spinner small />;
  return <span class={`stage-dot stage-dot-${status}`} aria-hidden="true">{status === 'done' ? '✓' : ''}</span>;
}

const WORDS: Record<StageStatus, string> = { waiting: 'waiting', running: 'in progress', done: 'done' };

/** The progress list for a live run. */
export function StageProgress({ stages }: { stages: RunState['stages'] }) {
  return (
    <ol class="stage-progress" aria-label="Council progress">
      {(Object.keys(NAMES) as (keyof RunState['stages'])[]).map((k) => (
        <li key={k} class={`stage-step stage-step-${stages[k]}`} data-stage={k} data-status={stages[k]}>
          <StatusIcon status={stages[k]} />
          <span>{NAMES[k]}</span>
          <span class="visually-hidden">: {WORDS[stages[k]]}</span>
        </li>
      ))}
    </ol>
  );
}

// The live run as last seen, kept in sessionStorage per run id so a reloaded page shows the text already
// streamed at once and asks the server only for the events after it (Last-Event-ID), with nothing shown twice.
import type { RunState } from './run';

const PREFIX = 'council.run.';

/** Keeps `state` (with its lastSeq) for its run; does nothing for a run without an id. */
export function saveRunSnapshot(state: RunState): void {
  if (!state.runId) return;
  try {
    sessionStorage.setItem(PREFIX + state.runId, JSON.stringify(state));
  } catch {
    /* storage unavailable or full: the reattach replays from the start instead */
  }
}

/** The kept state of `runId`, or null. */
export function loadRunSnapshot(runId: string): RunState | null {
  try {
    const raw = sessionStorage.getItem(PREFIX + runId);
    if (!raw) return null;
    const s = JSON.parse(raw) as RunState;
    return s?.runId === runId && typeof s.lastSeq === 'number' && s.message?.role === 'assistant' ? s : null;
  } catch {
    return null;
  }
}

/** Forgets the kept state of a run that ended. */
export function clearRunSnapshot(runId: string | undefined): void {
  if (!runId) return;
  try {
    sessionStorage.removeItem(PREFIX + runId);
  } catch {
    /* storage unavailable */
  }
}

// The council runs of the signed-in app, one per conversation (kept above the routes so they survive navigation):
// a new question, the reattach to a run found running after a reload, a retried synthesis, and Stop. A stream that
// ends before its run does is followed again from the last event seen.
import { useEffect, useRef, useState } from 'preact/hooks';
import { cancelRun } from '../api/endpoints';
import { ApiError, SessionExpiredError } from '../api/http';
import { streamMessage, streamRunEvents, streamSynthesis, type EventHandler, type StreamOptions } from '../api/stream';
import type { AssistantMessage, StreamEvent } from '../api/types';
import { clearDraft, saveDraft } from '../lib/draft';
import { applyEvent, endRun, nameRun, refuseRun, resumeRun, retrySynthesisRun, startRun, stopRun, type RunState } from '../lib/run';
import { clearRunSnapshot, loadRunSnapshot, saveRunSnapshot } from '../lib/runSnapshot';

const LOST = 'The connection to the council was lost before it finished. Reload the conversation to see what was saved.';
/** How many times a stream that ended early is followed again before the run is called lost. */
const REATTACH_ATTEMPTS = 3;
/** Deltas are kept for a reload at most this often; every other event is kept at once. */
const SNAPSHOT_INTERVAL_MS = 300;
/** After a follow-up that failed (not one that just ended), the next waits this long times its number. */
const REATTACH_PAUSE_MS = 1000;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type Open = (onEvent: EventHandler, options: StreamOptions) => Promise<void>;

/** What the app does with runs; `runs` maps a conversation id to its run. */
export interface CouncilRuns {
  runs: Record<string, RunState>;
  ask: (id: string, question: string) => void;
  reattach: (id: string, question: string, message: AssistantMessage) => void;
  retrySynthesis: (id: string, message: AssistantMessage, leadModel?: string) => void;
  stop: (id: string) => void;
  dropRun: (id: string) => void;
}

/** Runs of the app; `onTitle` hears a new conversation title, `onSettled` that a run's stream is over. */
export function useCouncilRuns(onTitle: (id: string, title: string) => void, onSettled: () => void): CouncilRuns {
  const current = useRef<Record<string, RunState>>({});
  const [runs, setRuns] = useState<Record<string, RunState>>({});
  const aborts = useRef(new Set<AbortController>());
  const savedAt = useRef<Record<string, number>>({});

  useEffect(() => {
    const pending = aborts.current;
    return () => pending.forEach((a) => a.abort());
  }, []);

  const commit = (next: Record<string, RunState>) => {
    current.current = next;
    setRuns(next);
  };
  const setRun = (id: string, state: RunState) => commit({ ...current.current, [id]: state });
  const updateRun = (id: string, f: (s: RunState) => RunState) => {
    const s = current.current[id];
    if (s) setRun(id, f(s));
  };
  const dropRun = (id: string) => {
    const { [id]: _gone, ...rest } = current.current;
    commit(rest);
  };

  const keep = (id: string, ev: StreamEvent) => {
    const s = current.current[id];
    if (!s?.runId) return;
    if (s.finished) return clearRunSnapshot(s.runId);
    const now = Date.now();
    if (ev.type.endsWith('_delta') && now - (savedAt.current[id] ?? 0) < SNAPSHOT_INTERVAL_MS) return;
    savedAt.current[id] = now;
    saveRunSnapshot(s);
  };

  const onEventFor =
    (id: string): EventHandler =>
    (ev, seq) => {
      updateRun(id, (s) => applyEvent(s, ev, seq));
      keep(id, ev);
      if (ev.type === 'title_complete' && ev.data?.title) onTitle(id, ev.data.title);
    };

  /** Shows `initial` and follows the stream `open` starts, then the run's events until it ends. */
  const follow = (id: string, initial: RunState, open: Open, onAccepted?: () => void) => {
    setRun(id, initial);
    const abort = new AbortController();
    aborts.current.add(abort);
    const onEvent = onEventFor(id);
    let opened = false;
    const options: StreamOptions = {
      signal: abort.signal,
      onOpen: (runId) => {
        opened = true;
        updateRun(id, (s) => nameRun(s, runId));
        onAccepted?.();
      },
    };
    // Runs one stream; answers true when it broke after the run had started (the run goes on: follow it again).
    const broke = async (stream: () => Promise<void>) => {
      try {
        await stream();
        return false;
      } catch (e) {
        if (!opened || e instanceof SessionExpiredError || (e as Error).name === 'AbortError') throw e;
        return true;
      }
    };
    const run = async () => {
      await broke(() => open(onEvent, options));
      for (let i = 0; i < REATTACH_ATTEMPTS; i++) {
        const s = current.current[id];
        const runId = s?.runId;
        if (!s || s.finished || !runId) break;
        if (await broke(() => streamRunEvents(id, runId, s.lastSeq, onEvent, { signal: abort.signal }))) {
          await pause(REATTACH_PAUSE_MS * (i + 1));
        }
      }
      updateRun(id, endRun);
    };
    run()
      .catch((e: unknown) => {
        if (e instanceof SessionExpiredError) return dropRun(id);
        if ((e as Error).name === 'AbortError') return;
        if (e instanceof ApiError) return updateRun(id, (s) => refuseRun(s, e.message));
        updateRun(id, (s) => (s.finished ? s : { ...s, finished: true, error: LOST }));
      })
      .finally(() => {
        aborts.current.delete(abort);
        clearRunSnapshot(current.current[id]?.runId);
        onSettled();
      });
  };

  const ask = (id: string, question: string) => {
    saveDraft(id, question);
    follow(id, startRun(question), (onEvent, options) => streamMessage(id, question, onEvent, options), () => clearDraft(id));
  };

  const reattach = (id: string, question: string, message: AssistantMessage) => {
    const runId = message.run_id;
    if (!runId) return;
    const initial = loadRunSnapshot(runId) ?? resumeRun(question, message);
    follow(id, initial, (onEvent, options) => streamRunEvents(id, runId, initial.lastSeq, onEvent, options));
  };

  const retrySynthesis = (id: string, message: AssistantMessage, leadModel?: string) => {
    const runId = message.run_id;
    if (!runId) return;
    follow(id, retrySynthesisRun('', message), (onEvent, options) => streamSynthesis(id, runId, leadModel, onEvent, options));
  };

  const stop = (id: string) => {
    const s = current.current[id];
    if (!s?.runId || s.finished || s.stopping) return;
    updateRun(id, stopRun);
    cancelRun(id, s.runId).catch((e: unknown) => {
      // 409: the run finished meanwhile; its stream says how.
      if (e instanceof ApiError && e.status === 409) return;
      if (!(e instanceof SessionExpiredError)) updateRun(id, (r) => ({ ...r, stopping: false, stopError: (e as Error).message }));
    });
  };

  return { runs, ask, reattach, retrySynthesis, stop, dropRun };
}

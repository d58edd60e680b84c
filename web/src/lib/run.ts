// Live council run state: the stream events folded into one pending assistant message (pure reducer).
import type { AssistantMessage, RunMetadata, StreamEvent } from '../api/types';

export type StageStatus = 'waiting' | 'running' | 'done';
type Stages = { stage1: StageStatus; stage2: StageStatus; stage3: StageStatus };

/** Text streamed so far for answers not complete yet: each model's stage-1 answer, the lead's stage-3 answer. */
export interface StreamingText {
  stage1: Record<string, string>;
  stage3: { model: string; text: string } | null;
}

/** A run in progress or just finished, as the conversation view shows it. */
export interface RunState {
  question: string;
  /** The server's run id (X-Run-Id or the record); unknown until the stream is accepted. */
  runId?: string;
  /** The highest event sequence number applied; events at or below it are duplicates. */
  lastSeq: number;
  stages: Stages;
  message: AssistantMessage;
  streaming: StreamingText;
  title?: string;
  finished: boolean;
  /** Set once the run ended with a `cancelled` event. */
  cancelled?: boolean;
  /** Set while a Stop request is on its way or accepted. */
  stopping?: boolean;
  /** Why the Stop request failed, when it did. */
  stopError?: string;
  error?: string;
  /** Set when the request was refused before the stream started (no key, 402, 429, ...): nothing ran. */
  refused?: boolean;
}

const ORDER: Record<StageStatus, number> = { waiting: 0, running: 1, done: 2 };
const NO_STREAMING: StreamingText = { stage1: {}, stage3: null };

/** The state right after the question was sent. */
export function startRun(question: string): RunState {
  return {
    question,
    lastSeq: 0,
    stages: { stage1: 'waiting', stage2: 'waiting', stage3: 'waiting' },
    message: { role: 'assistant', stage1: [], stage2: [], stage3: null, metadata: {} },
    streaming: NO_STREAMING,
    finished: false,
  };
}

/** Stage statuses a stored message implies: finished stages done, the first unfinished one running. */
function stagesOf(message: AssistantMessage): Stages {
  const done = [message.stage1.length > 0, message.stage2.length > 0 || !!message.metadata?.label_to_model, message.stage3 !== null];
  const first = done.indexOf(false);
  const status = (i: number): StageStatus => (done[i] ? 'done' : i === first ? 'running' : 'waiting');
  return { stage1: status(0), stage2: status(1), stage3: status(2) };
}

/** A stored message with status "running", picked up again after a reload (events replay from `lastSeq`). */
export function resumeRun(question: string, message: AssistantMessage): RunState {
  return {
    ...startRun(question),
    runId: message.run_id ?? undefined,
    stages: stagesOf(message),
    message: { ...message, metadata: message.metadata ?? {} },
  };
}

/** A failed or cancelled stored run whose stage 3 is written again on its stored stages 1 and 2. */
export function retrySynthesisRun(question: string, message: AssistantMessage): RunState {
  const { error: _error, ...rest } = message;
  return {
    ...startRun(question),
    runId: message.run_id ?? undefined,
    stages: { stage1: 'done', stage2: 'done', stage3: 'waiting' },
    message: { ...rest, status: 'running', stage3: null, metadata: message.metadata ?? {} },
  };
}

/** Moves stages forward only: a replayed or late event never sends a stage back. */
function advance(stages: Stages, changes: Partial<Stages>): Stages {
  const next = { ...stages };
  for (const [k, v] of Object.entries(changes) as [keyof Stages, StageStatus][]) if (ORDER[v] > ORDER[next[k]]) next[k] = v;
  return next;
}

function mergeMetadata(a: RunMetadata | null | undefined, b: RunMetadata | undefined): RunMetadata {
  return { ...(a ?? {}), ...(b ?? {}) };
}

function applyType(state: RunState, ev: StreamEvent): RunState {
  const { stages, message, streaming } = state;
  switch (ev.type) {
    case 'stage1_start':
      return { ...state, stages: advance(stages, { stage1: 'running' }) };
    case 'stage1_delta':
      return {
        ...state,
        stages: advance(stages, { stage1: 'running' }),
        streaming: { ...streaming, stage1: { ...streaming.stage1, [ev.model]: (streaming.stage1[ev.model] ?? '') + ev.delta } },
      };
    case 'stage1_complete':
      return {
        ...state,
        stages: advance(stages, { stage1: 'done' }),
        message: { ...message, stage1: ev.data ?? [] },
        streaming: { ...streaming, stage1: {} },
      };
    case 'stage2_start':
      return { ...state, stages: advance(stages, { stage1: 'done', stage2: 'running' }) };
    case 'stage2_complete':
      return {
        ...state,
        stages: advance(stages, { stage2: 'done' }),
        message: { ...message, stage2: ev.data ?? [], metadata: mergeMetadata(message.metadata, ev.metadata) },
      };
    case 'stage3_start':
      return { ...state, stages: advance(stages, { stage2: 'done', stage3: 'running' }) };
    case 'stage3_delta': {
      const before = streaming.stage3?.model === ev.model ? streaming.stage3.text : '';
      return {
        ...state,
        stages: advance(stages, { stage3: 'running' }),
        streaming: { ...streaming, stage3: { model: ev.model, text: before + ev.delta } },
      };
    }
    case 'stage3_complete':
      return {
        ...state,
        stages: advance(stages, { stage3: 'done' }),
        message: { ...message, stage3: ev.data ?? null },
        streaming: { ...streaming, stage3: null },
      };
    case 'title_complete':
      return { ...state, title: ev.data?.title };
    case 'complete':
      return {
        ...state,
        finished: true,
        stopping: false,
        message: { ...message, status: 'completed', usage: ev.usage ?? message.usage, metadata: mergeMetadata(message.metadata, ev.metadata) },
      };
    case 'error':
      return { ...state, finished: true, stopping: false, error: ev.message || 'The council run failed.' };
    case 'cancelled':
      return { ...state, finished: true, stopping: false, cancelled: true, streaming: NO_STREAMING };
    default:
      return state;
  }
}

/**
 * Applies one stream event; `seq` is the frame's `id:` when it has one. A frame at or below the last applied
 * sequence number is a duplicate (a replay after reattaching) and changes nothing; unknown event types change
 * nothing but their sequence number.
 */
export function applyEvent(state: RunState, ev: StreamEvent, seq?: number): RunState {
  if (seq !== undefined && seq <= state.lastSeq) return state;
  const next = applyType(state, ev);
  return seq === undefined ? next : { ...next, lastSeq: seq };
}

/** Records the run id the server gave the stream. */
export function nameRun(state: RunState, runId: string | null): RunState {
  return runId ? { ...state, runId } : state;
}

/** Marks the run as being stopped (the Stop button was pressed). */
export function stopRun(state: RunState): RunState {
  return state.finished ? state : { ...state, stopping: true, stopError: undefined };
}

/** Marks a run refused before its stream started; `message` is the server's sentence. */
export function refuseRun(state: RunState, message: string): RunState {
  return { ...state, finished: true, refused: true, error: message };
}

/** Marks a run whose stream ended without `complete`, `error` or `cancelled` as failed. */
export function endRun(state: RunState): RunState {
  if (state.finished) return state;
  return { ...state, finished: true, error: 'The connection closed before the council finished. Reload to see what was saved.' };
}

/** Parses one SSE data payload into a stream event, or null when it is not a JSON object with a type. */
export function parseStreamEvent(data: string): StreamEvent | null {
  try {
    const v = JSON.parse(data) as unknown;
    if (v && typeof v === 'object' && typeof (v as { type?: unknown }).type === 'string') return v as StreamEvent;
  } catch {
    /* not JSON: ignored */
  }
  return null;
}

/** The sequence number of an SSE `id:` line, or undefined when there is none or it is not a whole number. */
export function parseSeq(id: string | undefined): number | undefined {
  if (id === undefined || !/^\d+$/.test(id)) return undefined;
  return Number(id);
}

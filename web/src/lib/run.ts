// Live council run state: the stream events folded into one pending assistant message (pure reducer).
import type { AssistantMessage, RunMetadata, StreamEvent } from '../api/types';

export type StageStatus = 'waiting' | 'running' | 'done';

/** A run in progress or just finished, as the conversation view shows it. */
export interface RunState {
  question: string;
  stages: { stage1: StageStatus; stage2: StageStatus; stage3: StageStatus };
  message: AssistantMessage;
  title?: string;
  finished: boolean;
  error?: string;
  /** Set when the request was refused before the stream started (no key, 429, ...): nothing ran. */
  refused?: boolean;
}

/** The state right after the question was sent. */
export function startRun(question: string): RunState {
  return {
    question,
    stages: { stage1: 'waiting', stage2: 'waiting', stage3: 'waiting' },
    message: { role: 'assistant', stage1: [], stage2: [], stage3: null, metadata: {} },
    finished: false,
  };
}

function mergeMetadata(a: RunMetadata | undefined, b: RunMetadata | undefined): RunMetadata {
  return { ...(a ?? {}), ...(b ?? {}) };
}

/** Applies one stream event; unknown event types leave the state unchanged. */
export function applyEvent(state: RunState, ev: StreamEvent): RunState {
  const stages = state.stages;
  const message = state.message;
  switch (ev.type) {
    case 'stage1_start':
      return { ...state, stages: { ...stages, stage1: 'running' } };
    case 'stage1_complete':
      return { ...state, stages: { ...stages, stage1: 'done' }, message: { ...message, stage1: ev.data ?? [] } };
    case 'stage2_start':
      return { ...state, stages: { ...stages, stage1: 'done', stage2: 'running' } };
    case 'stage2_complete':
      return {
        ...state,
        stages: { ...stages, stage2: 'done' },
        message: { ...message, stage2: ev.data ?? [], metadata: mergeMetadata(message.metadata, ev.metadata) },
      };
    case 'stage3_start':
      return { ...state, stages: { ...stages, stage2: 'done', stage3: 'running' } };
    case 'stage3_complete':
      return { ...state, stages: { ...stages, stage3: 'done' }, message: { ...message, stage3: ev.data ?? null } };
    case 'title_complete':
      return { ...state, title: ev.data?.title };
    case 'complete':
      return { ...state, finished: true };
    case 'error':
      return { ...state, finished: true, error: ev.message || 'The council run failed.' };
    default:
      return state;
  }
}

/** Marks a run refused before its stream started; `message` is the server's sentence. */
export function refuseRun(state: RunState, message: string): RunState {
  return { ...state, finished: true, refused: true, error: message };
}

/** Marks a run whose stream ended without `complete` or `error` as failed. */
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

// The council's server-sent event streams over fetch() (EventSource cannot POST or send a bearer token): a new
// question, the reattach to a running run, and a retried synthesis.
import { SseParser } from '../lib/sse';
import { parseSeq, parseStreamEvent } from '../lib/run';
import { ApiError, authFetch, errorDetail } from './http';
import type { StreamMessageRequest, SynthesisRequest } from './runs-types';
import type { StreamEvent } from './types';

/** Called for each frame in order; `seq` is the frame's `id:` sequence number when it has one. */
export type EventHandler = (ev: StreamEvent, seq: number | undefined) => void;

export interface StreamOptions {
  signal?: AbortSignal;
  /** Called once the stream is accepted, with the X-Run-Id header (null when the server sends none). */
  onOpen?: (runId: string | null) => void;
}

const enc = encodeURIComponent;
const runPath = (conversationId: string, runId: string) => `/api/conversations/${enc(conversationId)}/runs/${enc(runId)}`;

/**
 * Sends the request and feeds each frame to `onEvent`. Rejects with ApiError when the request is refused before
 * the stream starts (no key, 402, 404, 409, 422, 429); resolves when the stream ends.
 */
async function readStream(path: string, init: RequestInit, onEvent: EventHandler, options: StreamOptions): Promise<void> {
  const headers = new Headers(init.headers);
  headers.set('accept', 'text/event-stream');
  const res = await authFetch(path, { ...init, headers, signal: options.signal });
  if (!res.ok) throw new ApiError(res.status, await errorDetail(res));
  if (!res.body) throw new ApiError(0, 'This browser cannot read streamed responses.');
  options.onOpen?.(res.headers.get('x-run-id'));
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  const parser = new SseParser();
  const dispatch = (text: string) => {
    for (const frame of parser.push(text)) {
      const ev = parseStreamEvent(frame.data);
      if (ev) onEvent(ev, parseSeq(frame.id));
    }
  };
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      dispatch(decoder.decode(value, { stream: true }));
    }
    dispatch(decoder.decode());
  } finally {
    parser.end();
    reader.releaseLock();
  }
}

function postJson(body: unknown): RequestInit {
  return { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}

/** Asks the council `content`, with the answers streamed token by token. */
export function streamMessage(conversationId: string, content: string, onEvent: EventHandler, options: StreamOptions = {}): Promise<void> {
  const body: StreamMessageRequest = { content, stream_tokens: true };
  return readStream(`/api/conversations/${enc(conversationId)}/message/stream`, postJson(body), onEvent, options);
}

/** Replays the run's events after `lastSeq` (all of them for 0), then follows it live until it ends. */
export function streamRunEvents(
  conversationId: string,
  runId: string,
  lastSeq: number,
  onEvent: EventHandler,
  options: StreamOptions = {},
): Promise<void> {
  const init: RequestInit = lastSeq > 0 ? { headers: { 'last-event-id': String(lastSeq) } } : {};
  return readStream(`${runPath(conversationId, runId)}/events`, init, onEvent, options);
}

/** Writes stage 3 again on the stored stages of a failed or cancelled run; `leadModel` picks another lead. */
export function streamSynthesis(
  conversationId: string,
  runId: string,
  leadModel: string | undefined,
  onEvent: EventHandler,
  options: StreamOptions = {},
): Promise<void> {
  const body: SynthesisRequest = { stream_tokens: true, ...(leadModel ? { lead_model: leadModel } : {}) };
  return readStream(`${runPath(conversationId, runId)}/synthesis/stream`, postJson(body), onEvent, options);
}

// Sends a question and reads the council's answer as server-sent events over fetch() (EventSource cannot POST).
import { SseParser } from '../lib/sse';
import { parseStreamEvent } from '../lib/run';
import { ApiError, authFetch, errorDetail } from './http';
import type { StreamEvent } from './types';

/**
 * Posts `content` to the conversation's stream endpoint and calls `onEvent` for each frame in order.
 * Rejects with ApiError when the request is refused before the stream starts (no key, 404, 422, 429);
 * calls `onOpen` once the stream is accepted; resolves when the stream ends.
 */
export async function streamMessage(
  conversationId: string,
  content: string,
  onEvent: (ev: StreamEvent) => void,
  options: { signal?: AbortSignal; onOpen?: () => void } = {},
): Promise<void> {
  const res = await authFetch(`/api/conversations/${encodeURIComponent(conversationId)}/message/stream`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
    body: JSON.stringify({ content }),
    signal: options.signal,
  });
  if (!res.ok) throw new ApiError(res.status, await errorDetail(res));
  if (!res.body) throw new ApiError(0, 'This browser cannot read streamed responses.');
  options.onOpen?.();
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  const parser = new SseParser();
  const dispatch = (text: string) => {
    for (const frame of parser.push(text)) {
      const ev = parseStreamEvent(frame.data);
      if (ev) onEvent(ev);
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

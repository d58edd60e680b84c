// Unit tests of the SSE frame parser: framing, chunk boundaries, comments, ids, multi-line data.
import { describe, expect, it } from 'vitest';
import { SseParser } from './sse';

function feed(chunks: string[]) {
  const p = new SseParser();
  return chunks.flatMap((c) => p.push(c));
}

describe('SseParser', () => {
  it('parses one data frame', () => {
    expect(feed(['data: {"type":"complete"}\n\n'])).toEqual([{ event: 'message', data: '{"type":"complete"}' }]);
  });

  it('parses several frames in one chunk, in order', () => {
    const evs = feed(['data: 1\n\ndata: 2\n\ndata: 3\n\n']);
    expect(evs.map((e) => e.data)).toEqual(['1', '2', '3']);
  });

  it('joins frames split at every possible position', () => {
    const text = 'id: 7\ndata: {"type":"stage1_start"}\n\n: ping\n\ndata: {"type":"complete"}\n\n';
    for (let cut = 0; cut <= text.length; cut++) {
      const evs = feed([text.slice(0, cut), text.slice(cut)]);
      expect(evs.map((e) => e.data), `cut at ${cut}`).toEqual(['{"type":"stage1_start"}', '{"type":"complete"}']);
    }
  });

  it('handles one character per chunk', () => {
    const evs = feed([...'data: a\r\n\r\ndata: b\r\rdata: c\n\n']);
    expect(evs.map((e) => e.data)).toEqual(['a', 'b', 'c']);
  });

  it('treats CRLF split across chunks as one line break', () => {
    expect(feed(['data: x\r', '\n\r', '\n']).map((e) => e.data)).toEqual(['x']);
  });

  it('ignores comment lines and heartbeats', () => {
    expect(feed([': ping\n\n: ping\n\n'])).toEqual([]);
    expect(feed([': hello\ndata: y\n\n']).map((e) => e.data)).toEqual(['y']);
  });

  it('keeps the last id and the event name', () => {
    const evs = feed(['id: 1\nevent: custom\ndata: a\n\ndata: b\n\n']);
    expect(evs[0]).toEqual({ id: '1', event: 'custom', data: 'a' });
    expect(evs[1]).toEqual({ id: '1', event: 'message', data: 'b' });
  });

  it('joins multiple data lines with newlines and strips only one leading space', () => {
    expect(feed(['data: line1\ndata:  line2\ndata\n\n'])[0].data).toBe('line1\n line2\n');
  });

  it('does not dispatch a frame without data', () => {
    expect(feed(['id: 3\n\nevent: x\n\n'])).toEqual([]);
  });

  it('drops an unterminated last frame', () => {
    const p = new SseParser();
    expect(p.push('data: partial')).toEqual([]);
    expect(p.end()).toEqual([]);
  });

  it('keeps multi-byte characters intact across chunks (decoder output)', () => {
    const bytes = new TextEncoder().encode('data: {"t":"héllo ✓"}\n\n');
    const dec = new TextDecoder();
    const p = new SseParser();
    const evs = [];
    for (const b of bytes) evs.push(...p.push(dec.decode(new Uint8Array([b]), { stream: true })));
    expect(evs.map((e) => e.data)).toEqual(['{"t":"héllo ✓"}']);
  });
});

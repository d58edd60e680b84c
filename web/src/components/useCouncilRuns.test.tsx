// Tests of the app's runs over a fake fetch: a question streamed with tokens and named by X-Run-Id, a stream cut
// short followed again with Last-Event-ID, a reload's reattach from the kept snapshot with nothing shown twice,
// Stop, a retried synthesis, and a run refused with 402.
// @vitest-environment jsdom
import { cleanup, render, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AssistantMessage } from '../api/types';
import { applyEvent, nameRun, startRun } from '../lib/run';
import { loadRunSnapshot, saveRunSnapshot } from '../lib/runSnapshot';
import { fakeApi, sentTo, signIn, type SentRequest } from '../test-support/fakeApi';
import { useCouncilRuns, type CouncilRuns } from './useCouncilRuns';

const ASK = 'POST /api/conversations/c1/message/stream';
const EVENTS = 'GET /api/conversations/c1/runs/r1/events';

/** An SSE answer of `frames` ([seq, event]) named run r1. */
function sse(frames: [number, object][]): Response {
  const text = frames.map(([seq, ev]) => `id: ${seq}\ndata: ${JSON.stringify(ev)}\n\n`).join('');
  return new Response(text, { status: 200, headers: { 'content-type': 'text/event-stream', 'x-run-id': 'r1' } });
}

const answers = [
  { model: 'a/x', response: 'Hello there' },
  { model: 'b/y', response: 'Bonjour' },
];
const usage = { prompt_tokens: 1, completion_tokens: 2, cost_usd: 0.001, by_model: {} };

let api: CouncilRuns;
let sent: SentRequest[];
const onTitle = vi.fn<(id: string, title: string) => void>();
const onSettled = vi.fn<() => void>();

function Harness() {
  api = useCouncilRuns(onTitle, onSettled);
  return null;
}

beforeEach(() => {
  signIn();
  sessionStorage.clear();
  onSettled.mockReset();
  render(<Harness />);
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const run = () => api.runs.c1;

describe('useCouncilRuns', () => {
  it('asks with stream_tokens, follows a stream cut short from the last event seen, and ends complete', async () => {
    let reattached = 0;
    sent = fakeApi({
      [ASK]: () =>
        sse([
          [1, { type: 'stage1_start' }],
          [2, { type: 'stage1_delta', model: 'a/x', delta: 'Hello ' }],
        ]),
      [EVENTS]: () => {
        reattached += 1;
        return sse([
          [3, { type: 'stage1_delta', model: 'a/x', delta: 'there' }],
          [4, { type: 'stage1_complete', data: answers }],
          [5, { type: 'complete', usage }],
        ]);
      },
    });
    api.ask('c1', 'Why?');
    await waitFor(() => expect(run().finished).toBe(true));
    expect(sentTo(sent, 'POST', '/api/conversations/c1/message/stream')[0].body).toEqual({ content: 'Why?', stream_tokens: true });
    expect(reattached).toBe(1);
    expect(sentTo(sent, 'GET', '/api/conversations/c1/runs/r1/events')[0].headers.get('last-event-id')).toBe('2');
    expect(run()).toMatchObject({ runId: 'r1', lastSeq: 5, message: { stage1: answers, usage, status: 'completed' } });
    expect(loadRunSnapshot('r1')).toBeNull();
    await waitFor(() => expect(onSettled).toHaveBeenCalledTimes(1));
  });

  it('follows the run again when the stream breaks after it started', async () => {
    sent = fakeApi({
      [ASK]: () => {
        let reads = 0;
        const body = new ReadableStream<Uint8Array>({
          pull(controller) {
            if (reads++ === 0) controller.enqueue(new TextEncoder().encode('id: 1\ndata: {"type":"stage1_start"}\n\n'));
            else controller.error(new TypeError('network error'));
          },
        });
        return new Response(body, { headers: { 'content-type': 'text/event-stream', 'x-run-id': 'r1' } });
      },
      [EVENTS]: () => sse([[2, { type: 'stage1_complete', data: answers }], [3, { type: 'complete', usage }]]),
    });
    api.ask('c1', 'Why?');
    await waitFor(() => expect(run()?.finished).toBe(true));
    expect(sentTo(sent, 'GET', '/api/conversations/c1/runs/r1/events')[0].headers.get('last-event-id')).toBe('1');
    expect(run().error).toBeUndefined();
    expect(run().message.stage1).toEqual(answers);
  });

  it('reattaches from the kept snapshot after the last event it holds, with nothing shown twice', async () => {
    const kept = applyEvent(applyEvent(nameRun(startRun('Why?'), 'r1'), { type: 'stage1_start' }, 1), { type: 'stage1_delta', model: 'a/x', delta: 'Hello ' }, 2);
    saveRunSnapshot(kept);
    sent = fakeApi({
      [EVENTS]: () =>
        sse([
          [2, { type: 'stage1_delta', model: 'a/x', delta: 'Hello ' }],
          [3, { type: 'stage1_delta', model: 'a/x', delta: 'there' }],
        ]),
    });
    const record: AssistantMessage = { role: 'assistant', stage1: [], stage2: [], stage3: null, metadata: null, run_id: 'r1', status: 'running', usage: null };
    api.reattach('c1', 'Why?', record);
    await waitFor(() => expect(run()?.finished).toBe(true));
    expect(run().streaming.stage1).toEqual({ 'a/x': 'Hello there' });
    expect(run()).toMatchObject({ lastSeq: 3, question: 'Why?', error: expect.stringMatching(/closed before the council finished/) as unknown });
    // The first request resumes after the snapshot's event 2; each follow-up after event 3, until the attempts run out.
    expect(sent.map((r) => r.headers.get('last-event-id'))).toEqual(['2', '3', '3', '3']);
    expect(loadRunSnapshot('r1')).toBeNull();
  });

  it('replays every event when no snapshot was kept', async () => {
    sent = fakeApi({ [EVENTS]: () => sse([[1, { type: 'stage1_start' }], [2, { type: 'error', message: 'No model answered.' }]]) });
    api.reattach('c1', 'Why?', { role: 'assistant', stage1: [], stage2: [], stage3: null, metadata: null, run_id: 'r1', status: 'running', usage: null });
    await waitFor(() => expect(run().finished).toBe(true));
    expect(sent[0].headers.has('last-event-id')).toBe(false);
    expect(run().error).toBe('No model answered.');
  });

  it('stops a named run with POST .../cancel once', async () => {
    let release: () => void = () => undefined;
    const held = new Promise<void>((r) => (release = r));
    sent = fakeApi({
      [ASK]: () => {
        const body = new ReadableStream<Uint8Array>({
          async start(controller) {
            controller.enqueue(new TextEncoder().encode('id: 1\ndata: {"type":"stage1_start"}\n\n'));
            await held;
            controller.enqueue(new TextEncoder().encode('id: 2\ndata: {"type":"cancelled"}\n\n'));
            controller.close();
          },
        });
        return new Response(body, { headers: { 'content-type': 'text/event-stream', 'x-run-id': 'r1' } });
      },
      'POST /api/conversations/c1/runs/r1/cancel': () => [202, { status: 'cancelling', run_id: 'r1' }],
    });
    api.ask('c1', 'Why?');
    await waitFor(() => expect(run().lastSeq).toBe(1));
    api.stop('c1');
    api.stop('c1');
    await waitFor(() => expect(run().stopping).toBe(true));
    await waitFor(() => expect(sentTo(sent, 'POST', '/api/conversations/c1/runs/r1/cancel')).toHaveLength(1));
    release();
    await waitFor(() => expect(run()).toMatchObject({ finished: true, cancelled: true, stopping: false }));
  });

  it('retries a synthesis on the stored stages with the chosen lead', async () => {
    sent = fakeApi({
      'POST /api/conversations/c1/runs/r1/synthesis/stream': () =>
        sse([
          [9, { type: 'stage3_start' }],
          [10, { type: 'stage3_complete', data: { model: 'b/y', response: 'Final' } }],
          [11, { type: 'complete', usage }],
        ]),
    });
    const failed: AssistantMessage = {
      role: 'assistant',
      stage1: answers,
      stage2: [{ model: 'a/x', ranking: 'r', parsed_ranking: [] }],
      stage3: null,
      metadata: { label_to_model: {}, aggregate_rankings: [], errors: [] },
      run_id: 'r1',
      status: 'failed',
      error: 'The lead failed.',
      usage: null,
    };
    api.retrySynthesis('c1', failed, 'b/y');
    await waitFor(() => expect(run().finished).toBe(true));
    expect(sent[0].body).toEqual({ stream_tokens: true, lead_model: 'b/y' });
    expect(run().error).toBeUndefined();
    expect(run()).toMatchObject({ message: { status: 'completed', stage1: answers, stage3: { model: 'b/y' } } });
  });

  it('marks a run refused with the 402 sentence', async () => {
    const sentence = "This month's spending of $5.00 has reached your monthly budget of $5.00. Raise the budget in Settings to run the council again.";
    fakeApi({ [ASK]: () => [402, { detail: sentence }] });
    api.ask('c1', 'Why?');
    await waitFor(() => expect(run().finished).toBe(true));
    expect(run()).toMatchObject({ refused: true, error: sentence });
  });
});

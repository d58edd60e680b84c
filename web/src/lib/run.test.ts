// Unit tests of the live-run reducer: a full stream, token slices, sequence numbers and replays, Stop and
// cancellation, runs picked up from the record (reattach, retried synthesis), errors, early ends and bad frames.
import { describe, expect, it } from 'vitest';
import type { AssistantMessage, StreamEvent } from '../api/types';
import { applyEvent, endRun, nameRun, parseSeq, parseStreamEvent, refuseRun, resumeRun, retrySynthesisRun, startRun, stopRun, type RunState } from './run';

const full: StreamEvent[] = [
  { type: 'stage1_start' },
  { type: 'stage1_complete', data: [{ model: 'a/x', response: 'X' }, { model: 'b/y', response: 'Y' }] },
  { type: 'stage2_start' },
  {
    type: 'stage2_complete',
    data: [{ model: 'a/x', ranking: 'FINAL RANKING:\n1. Response B', parsed_ranking: ['Response B', 'Response A'] }],
    metadata: { label_to_model: { 'Response A': 'a/x', 'Response B': 'b/y' }, aggregate_rankings: [{ model: 'b/y', average_rank: 1, rankings_count: 1 }] },
  },
  { type: 'stage3_start' },
  { type: 'stage3_complete', data: { model: 'a/x', response: 'Final' } },
  { type: 'title_complete', data: { title: 'A title' } },
  { type: 'complete' },
];

describe('run reducer', () => {
  it('follows the stage statuses through a whole run', () => {
    let s = startRun('Q?');
    expect(s.stages).toEqual({ stage1: 'waiting', stage2: 'waiting', stage3: 'waiting' });
    s = applyEvent(s, full[0]);
    expect(s.stages.stage1).toBe('running');
    s = applyEvent(s, full[1]);
    expect(s.stages.stage1).toBe('done');
    expect(s.message.stage1).toHaveLength(2);
    s = applyEvent(s, full[2]);
    expect(s.stages.stage2).toBe('running');
    s = applyEvent(s, full[3]);
    expect(s.message.metadata?.label_to_model?.['Response B']).toBe('b/y');
    expect(s.message.metadata?.aggregate_rankings).toHaveLength(1);
    for (const ev of full.slice(4)) s = applyEvent(s, ev);
    expect(s.stages).toEqual({ stage1: 'done', stage2: 'done', stage3: 'done' });
    expect(s.message.stage3?.response).toBe('Final');
    expect(s.title).toBe('A title');
    expect(s.finished).toBe(true);
    expect(s.error).toBeUndefined();
    expect(endRun(s)).toBe(s);
  });

  it('records an error frame', () => {
    const s = applyEvent(applyEvent(startRun('q'), full[0]), { type: 'error', message: 'No model answered.' });
    expect(s.finished).toBe(true);
    expect(s.error).toBe('No model answered.');
  });

  it('marks a stream that stopped early as failed', () => {
    const s = endRun(applyEvent(startRun('q'), full[0]));
    expect(s.finished).toBe(true);
    expect(s.error).toMatch(/closed before/);
  });

  it('marks a refused request', () => {
    const s = refuseRun(startRun('q'), 'No API key configured.');
    expect(s).toMatchObject({ finished: true, refused: true, error: 'No API key configured.', question: 'q' });
  });

  it('ignores unknown events and rejects bad frames', () => {
    const s = startRun('q');
    expect(applyEvent(s, { type: 'something_new' } as unknown as StreamEvent)).toBe(s);
    expect(parseStreamEvent('not json')).toBeNull();
    expect(parseStreamEvent('[1,2]')).toBeNull();
    expect(parseStreamEvent('{"no":"type"}')).toBeNull();
    expect(parseStreamEvent('{"type":"complete"}')).toEqual({ type: 'complete' });
  });
});

const usage = { prompt_tokens: 30, completion_tokens: 20, cost_usd: 0.003, by_model: { 'a/x': { prompt_tokens: 30, completion_tokens: 20, cost_usd: 0.003 } } };

/** Applies `events` numbered from `first` on. */
function replay(state: RunState, events: StreamEvent[], first = 1): RunState {
  return events.reduce((s, ev, i) => applyEvent(s, ev, first + i), state);
}

describe('run reducer with issue 11 events', () => {
  const tokens: StreamEvent[] = [
    { type: 'stage1_start' },
    { type: 'stage1_delta', model: 'a/x', delta: 'Hel' },
    { type: 'stage1_delta', model: 'b/y', delta: 'Bon' },
    { type: 'stage1_delta', model: 'a/x', delta: 'lo' },
  ];

  it('grows each model’s stage-1 text slice by slice until the answers are complete', () => {
    let s = replay(startRun('q'), tokens);
    expect(s.streaming.stage1).toEqual({ 'a/x': 'Hello', 'b/y': 'Bon' });
    expect(s.stages.stage1).toBe('running');
    expect(s.lastSeq).toBe(4);
    s = applyEvent(s, full[1], 5);
    expect(s.streaming.stage1).toEqual({});
    expect(s.message.stage1.map((r) => r.response)).toEqual(['X', 'Y']);
  });

  it('grows the lead’s stage-3 text and replaces it with the complete answer', () => {
    let s = replay(startRun('q'), [{ type: 'stage3_start' }, { type: 'stage3_delta', model: 'a/x', delta: 'Fi' }, { type: 'stage3_delta', model: 'a/x', delta: 'nal' }]);
    expect(s.streaming.stage3).toEqual({ model: 'a/x', text: 'Final' });
    s = applyEvent(s, { type: 'stage3_complete', data: { model: 'a/x', response: 'Final' } }, 4);
    expect(s.streaming.stage3).toBeNull();
    expect(s.message.stage3?.response).toBe('Final');
  });

  it('ignores frames at or below the last sequence number, so a replay shows nothing twice', () => {
    const s = replay(startRun('q'), tokens);
    const again = replay(s, tokens);
    expect(again).toBe(s);
    expect(replay(s, tokens.slice(1), 2).streaming.stage1).toEqual({ 'a/x': 'Hello', 'b/y': 'Bon' });
    expect(applyEvent(s, { type: 'stage1_delta', model: 'b/y', delta: 'jour' }, 5).streaming.stage1['b/y']).toBe('Bonjour');
  });

  it('never moves a stage back when events replay over a state taken from the record', () => {
    const record: AssistantMessage = { role: 'assistant', stage1: [{ model: 'a/x', response: 'X' }], stage2: [], stage3: null, metadata: null, run_id: 'r1', status: 'running', usage: null };
    let s = resumeRun('q', record);
    expect(s).toMatchObject({ runId: 'r1', lastSeq: 0, question: 'q', stages: { stage1: 'done', stage2: 'running', stage3: 'waiting' } });
    s = replay(s, tokens);
    expect(s.stages).toEqual({ stage1: 'done', stage2: 'running', stage3: 'waiting' });
  });

  it('keeps the usage of complete on the message', () => {
    const s = applyEvent(startRun('q'), { type: 'complete', usage }, 9);
    expect(s).toMatchObject({ finished: true, lastSeq: 9, message: { status: 'completed', usage } });
  });

  it('names the run, marks Stop, and ends on cancelled without the streamed text', () => {
    let s = nameRun(replay(startRun('q'), tokens), 'r2');
    expect(nameRun(s, null)).toBe(s);
    s = stopRun(s);
    expect(s).toMatchObject({ runId: 'r2', stopping: true, finished: false });
    s = applyEvent(s, { type: 'cancelled' }, 5);
    expect(s).toMatchObject({ finished: true, cancelled: true, stopping: false, streaming: { stage1: {}, stage3: null } });
    expect(s.error).toBeUndefined();
    expect(stopRun(s)).toBe(s);
  });

  it('retries a synthesis from the stored stages with the error removed', () => {
    const failed: AssistantMessage = {
      role: 'assistant',
      stage1: [{ model: 'a/x', response: 'X' }],
      stage2: [{ model: 'a/x', ranking: 'r', parsed_ranking: [] }],
      stage3: null,
      metadata: { label_to_model: {}, aggregate_rankings: [], errors: [] },
      run_id: 'r3',
      status: 'failed',
      error: 'The lead failed.',
      usage,
    };
    const s = retrySynthesisRun('', failed);
    expect(s).toMatchObject({ runId: 'r3', finished: false, stages: { stage1: 'done', stage2: 'done', stage3: 'waiting' }, message: { status: 'running' } });
    expect('error' in s.message).toBe(false);
  });

  it('reads sequence numbers only from whole-number ids', () => {
    expect(parseSeq('12')).toBe(12);
    expect(parseSeq(undefined)).toBeUndefined();
    expect(parseSeq('1.5')).toBeUndefined();
    expect(parseSeq('')).toBeUndefined();
  });
});

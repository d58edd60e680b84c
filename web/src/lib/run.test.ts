// Unit tests of the live-run reducer: a full stream, errors, early ends and bad frames.
import { describe, expect, it } from 'vitest';
import type { StreamEvent } from '../api/types';
import { applyEvent, endRun, parseStreamEvent, refuseRun, startRun } from './run';

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

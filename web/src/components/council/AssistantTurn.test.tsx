// Component tests of a stored council answer: no progress or busy lines, the three stages, model failures listed.
// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { AssistantMessage } from '../../api/types';
import { AssistantTurn } from './AssistantTurn';

const message: AssistantMessage = {
  role: 'assistant',
  stage1: [{ model: 'a/x', response: 'Answer from X' }],
  stage2: [{ model: 'a/x', ranking: 'FINAL RANKING:\n1. Response A', parsed_ranking: ['Response A'] }],
  stage3: { model: 'a/x', response: 'Final answer' },
  metadata: {
    label_to_model: { 'Response A': 'a/x' },
    aggregate_rankings: [{ model: 'a/x', average_rank: 1, rankings_count: 1 }],
    errors: [
      { stage: 'stage1', model: 'b/y', status: 429, message: 'rate limited' },
      { stage: 'stage2', model: 'c/z', status: null, message: 'timed out' },
    ],
  },
};

afterEach(cleanup);

describe('AssistantTurn for a stored message', () => {
  it('shows the stages and the failed model calls without any progress', () => {
    render(<AssistantTurn message={message} idPrefix="m1" />);
    expect(screen.queryByRole('list', { name: 'Council progress' })).toBeNull();
    expect(screen.queryAllByRole('status')).toEqual([]);
    expect(screen.getByTestId('stage1')).toBeTruthy();
    expect(within(screen.getByTestId('aggregate-rankings')).getAllByRole('rowheader').map((r) => r.textContent)).toEqual(['a/x']);
    expect(screen.getByTestId('stage3').textContent).toContain('Final answer');
    const failures = screen.getByText('2 model calls failed').closest('details');
    expect(within(failures!).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'b/y (stage1, HTTP 429): rate limited',
      'c/z (stage2): timed out',
    ]);
    expect(screen.queryByRole('alert')).toBeNull();
  });
});

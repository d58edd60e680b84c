// Unit tests of stage-2 label resolution and ranking order.
import { describe, expect, it } from 'vitest';
import { deanonymize, rankedModels, resolveLabel, shortModelName, sortedAggregate } from './rankings';

const labels = { 'Response A': 'openai/gpt-5.1', 'Response B': 'x-ai/grok-4', 'Response C': 'anthropic/claude-sonnet-4.5' };

describe('label resolution', () => {
  it('resolves known labels and leaves unknown ones', () => {
    expect(resolveLabel('Response B', labels)).toBe('x-ai/grok-4');
    expect(resolveLabel(' Response C ', labels)).toBe('anthropic/claude-sonnet-4.5');
    expect(resolveLabel('Response Z', labels)).toBe('Response Z');
    expect(resolveLabel('Response A', undefined)).toBe('Response A');
  });

  it('replaces every label in a text in one pass', () => {
    const text = 'Response A is better than Response B.\n\nFINAL RANKING:\n1. Response A\n2. Response C\n3. Response B';
    expect(deanonymize(text, labels)).toBe(
      '**openai/gpt-5.1** is better than **x-ai/grok-4**.\n\nFINAL RANKING:\n1. **openai/gpt-5.1**\n2. **anthropic/claude-sonnet-4.5**\n3. **x-ai/grok-4**',
    );
  });

  it('does not touch labels outside the map or lookalike words', () => {
    expect(deanonymize('Response D and Responses A and ResponseA', labels)).toBe('Response D and Responses A and ResponseA');
  });

  it('does not re-replace a model name that looks like a label', () => {
    expect(deanonymize('Response A', { 'Response A': 'Response B', 'Response B': 'm' })).toBe('**Response B**');
  });

  it('maps parsed rankings to models, best first', () => {
    expect(rankedModels({ model: 'm', ranking: '', parsed_ranking: ['Response C', 'Response A', 'Response B'] }, labels)).toEqual([
      'anthropic/claude-sonnet-4.5',
      'openai/gpt-5.1',
      'x-ai/grok-4',
    ]);
  });
});

describe('aggregate order', () => {
  it('sorts by average rank, then votes, then name, without mutating', () => {
    const input = [
      { model: 'b', average_rank: 2, rankings_count: 3 },
      { model: 'a', average_rank: 1.5, rankings_count: 2 },
      { model: 'c', average_rank: 2, rankings_count: 4 },
      { model: 'd', average_rank: 2, rankings_count: 4 },
    ];
    const copy = structuredClone(input);
    expect(sortedAggregate(input).map((r) => r.model)).toEqual(['a', 'c', 'd', 'b']);
    expect(input).toEqual(copy);
    expect(sortedAggregate(undefined)).toEqual([]);
  });

  it('shortens model ids for tabs', () => {
    expect(shortModelName('openai/gpt-5.1')).toBe('gpt-5.1');
    expect(shortModelName('plain')).toBe('plain');
  });
});

// Unit tests of the council settings form: only the fields set are sent; each range is checked.
import { describe, expect, it } from 'vitest';
import { councilSettings, EMPTY_SETTINGS } from './councilSettings';

describe('councilSettings', () => {
  it('sends nothing for an untouched form and every field that is set', () => {
    expect(councilSettings(EMPTY_SETTINGS)).toEqual({ fields: {} });
    expect(councilSettings({ systemPrompt: '  Be brief.  ', temperature: '0', maxTokens: '32000', excludeSelfVotes: true })).toEqual({
      fields: { system_prompt: 'Be brief.', temperature: 0, max_tokens: 32000, exclude_self_votes: true },
    });
  });

  it('refuses values out of range with a sentence naming the field', () => {
    const bad = (patch: Partial<typeof EMPTY_SETTINGS>) => councilSettings({ ...EMPTY_SETTINGS, ...patch });
    expect(bad({ temperature: '2.1' })).toEqual({ error: 'Temperature: must be a number from 0 to 2.' });
    expect(bad({ temperature: 'warm' })).toEqual({ error: 'Temperature: must be a number from 0 to 2.' });
    expect(bad({ maxTokens: '0' })).toEqual({ error: 'Max tokens: must be a whole number from 1 to 32000.' });
    expect(bad({ maxTokens: '1.5' })).toEqual({ error: 'Max tokens: must be a whole number from 1 to 32000.' });
    expect(bad({ systemPrompt: 'x'.repeat(4001) })).toEqual({ error: 'System prompt: must be at most 4000 characters.' });
  });
});

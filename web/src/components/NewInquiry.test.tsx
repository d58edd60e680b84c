// Component tests of a new inquiry's council settings: sent with the conversation when set, checked before.
// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Conversation, ModelsInfo } from '../api/types';
import { fakeApi, sentTo, signIn, type SentRequest } from '../test-support/fakeApi';
import { NewInquiry } from './NewInquiry';

const info: ModelsInfo = { models: ['a/x', 'b/y'], default_models: ['a/x', 'b/y'], default_lead_model: 'b/y' };
const created: Conversation = { id: 'c9', created_at: '2026-12-02T00:00:00Z', title: 'New Conversation', models: info.models, lead_model: 'b/y', messages: [] };

let sent: SentRequest[];
let onCreated: ReturnType<typeof vi.fn<(conv: Conversation, question: string) => void>>;

function type(label: string, value: string) {
  fireEvent.input(screen.getByLabelText(label), { target: { value } });
}
const ask = () => fireEvent.submit(screen.getByRole('form', { name: 'New inquiry' }));

beforeEach(() => {
  signIn();
  sessionStorage.clear();
  onCreated = vi.fn<(conv: Conversation, question: string) => void>();
  sent = fakeApi({ 'POST /api/conversations': () => [200, created] });
  render(<NewInquiry models={info} modelsError="" onRetryModels={() => undefined} onCreated={onCreated} />);
  type('Your question', 'Why?');
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('NewInquiry council settings', () => {
  it('sends only the council and lead when no setting is set', async () => {
    ask();
    await waitFor(() => expect(onCreated).toHaveBeenCalledWith(created, 'Why?'));
    expect(sentTo(sent, 'POST', '/api/conversations')[0].body).toEqual({ models: ['a/x', 'b/y'], lead_model: 'b/y' });
  });

  it('sends the settings that are set', async () => {
    type('System prompt', 'Be brief.');
    type('Temperature (0–2)', '0.7');
    type('Max tokens per answer', '1000');
    fireEvent.click(screen.getByLabelText(/Exclude self-votes/));
    ask();
    await waitFor(() => expect(onCreated).toHaveBeenCalled());
    expect(sentTo(sent, 'POST', '/api/conversations')[0].body).toEqual({
      models: ['a/x', 'b/y'],
      lead_model: 'b/y',
      system_prompt: 'Be brief.',
      temperature: 0.7,
      max_tokens: 1000,
      exclude_self_votes: true,
    });
  });

  it('refuses a setting out of range without creating anything', () => {
    type('Max tokens per answer', '40000');
    ask();
    expect(screen.getByRole('alert').textContent).toBe('Max tokens: must be a whole number from 1 to 32000.');
    expect(sent).toEqual([]);
  });
});

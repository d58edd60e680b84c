// Component tests of the key section's provider check: "Test key" (accepted, rejected 400, unreachable 503),
// the save-time answers (rejected, unreachable with "Save without checking") and what the provider reported.
// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ApiKeyInfo } from '../../api/types';
import { fakeApi, sentTo, signIn, type Routes, type SentRequest } from '../../test-support/fakeApi';
import { ApiKeySection } from './ApiKeySection';

const TEST = 'POST /api/settings/api-key/openrouter/test';
const SAVE = 'POST /api/settings/api-key';
const unchecked: ApiKeyInfo = {
  id: '7c1b0a52-5c1e-4c4a-9d40-2a8f8f3f0e11',
  provider: 'openrouter',
  key_hint: '...abcdef',
  enabled: true,
  endpoint: null,
  created_at: '2026-01-02T03:04:05Z',
  updated_at: '2026-01-02T03:04:05Z',
  last_used_at: null,
  validated_at: null,
  limit: null,
  usage: null,
  endpoint_changed_at: null,
};
const checked: ApiKeyInfo = { ...unchecked, validated_at: '2026-03-04T05:06:07Z', limit: 25, usage: 1.5 };
const REJECTED = 'The provider rejected this key: Invalid API key.';
const UNREACHABLE = 'The provider could not be reached to check the key; try again later.';

let sent: SentRequest[];

async function mount(stored: ApiKeyInfo | null, routes: Routes) {
  sent = fakeApi({ 'GET /api/settings/api-keys': () => [200, stored ? [stored] : []], ...routes });
  render(<ApiKeySection />);
  await screen.findByText(stored ? 'Test key' : /No key saved yet/);
}

function saveKey(key: string) {
  fireEvent.input(screen.getByLabelText(/key/i, { selector: 'input#api-key' }), { target: { value: key } });
  fireEvent.submit(screen.getByRole('form', { name: /API key/ }));
}

beforeEach(() => signIn());
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('ApiKeySection provider check', () => {
  it('tests the stored key and shows when it was checked, its limit and usage', async () => {
    await mount(unchecked, { [TEST]: () => [200, checked] });
    expect(screen.getByTestId('key-validated').textContent).toBe('Not checked');
    expect(screen.queryByTestId('key-limit')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Test key' }));
    expect((await screen.findByRole('status')).textContent).toBe('The provider accepted the key.');
    expect(screen.getByTestId('key-validated').textContent).not.toBe('Not checked');
    expect(screen.getByTestId('key-limit').textContent).toBe('25');
    expect(screen.getByTestId('key-usage').textContent).toBe((1.5).toLocaleString());
    const [request] = sentTo(sent, 'POST', '/api/settings/api-key/openrouter/test');
    expect(request.headers.get('authorization')).toBe('Bearer test-access');
  });

  it('shows the provider refusal (400) and the unreachable provider (503) of a test', async () => {
    let answer: [number, unknown] = [400, { detail: REJECTED }];
    await mount(checked, { [TEST]: () => answer });
    fireEvent.click(screen.getByRole('button', { name: 'Test key' }));
    expect((await screen.findByRole('alert')).textContent).toBe(REJECTED);
    answer = [503, { detail: UNREACHABLE }];
    fireEvent.click(screen.getByRole('button', { name: 'Test key' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe(UNREACHABLE));
    expect(screen.queryByRole('button', { name: 'Save without checking' })).toBeNull();
    expect(screen.getByTestId('key-limit').textContent).toBe('25');
  });

  it('keeps a key the provider rejects out and says why', async () => {
    await mount(null, { [SAVE]: () => [400, { detail: REJECTED }] });
    saveKey('bad-0123456789');
    expect((await screen.findByRole('alert')).textContent).toBe(REJECTED);
    expect(screen.queryByRole('button', { name: 'Save without checking' })).toBeNull();
    expect(screen.getByTestId('no-key')).toBeTruthy();
    expect(sentTo(sent, 'POST', '/api/settings/api-key')[0].body).toEqual({ api_key: 'bad-0123456789', provider: 'openrouter' });
  });

  it('offers to save without checking when the provider is unreachable, and sends "validate": false', async () => {
    let stored: ApiKeyInfo | null = null;
    await mount(null, {
      'GET /api/settings/api-keys': () => [200, stored ? [stored] : []],
      [SAVE]: (body) => {
        if ((body as { validate?: boolean }).validate !== false) return [503, { detail: UNREACHABLE }];
        stored = unchecked;
        return [200, unchecked];
      },
    });
    saveKey('sk-or-v1-0123456789');
    expect((await screen.findByRole('alert')).textContent).toMatch(UNREACHABLE);
    fireEvent.click(screen.getByRole('button', { name: 'Save without checking' }));
    expect((await screen.findByRole('status')).textContent).toBe('Key saved. It was not checked with the provider.');
    expect(sentTo(sent, 'POST', '/api/settings/api-key').map((r) => r.body)).toEqual([
      { api_key: 'sk-or-v1-0123456789', provider: 'openrouter' },
      { api_key: 'sk-or-v1-0123456789', provider: 'openrouter', validate: false },
    ]);
    expect(screen.getByTestId('key-validated').textContent).toBe('Not checked');
  });

  it('withdraws "Save without checking" once the key is edited', async () => {
    await mount(null, { [SAVE]: () => [503, { detail: UNREACHABLE }] });
    saveKey('sk-or-v1-0123456789');
    await screen.findByRole('button', { name: 'Save without checking' });
    fireEvent.input(screen.getByLabelText('API key'), { target: { value: 'sk-or-v1-another-one' } });
    expect(screen.queryByRole('button', { name: 'Save without checking' })).toBeNull();
  });

  it('says the provider accepted a key checked on save', async () => {
    let stored: ApiKeyInfo | null = null;
    await mount(null, {
      'GET /api/settings/api-keys': () => [200, stored ? [stored] : []],
      [SAVE]: () => {
        stored = checked;
        return [200, checked];
      },
    });
    saveKey('sk-or-v1-0123456789');
    expect((await screen.findByRole('status')).textContent).toBe('Key saved. The provider accepted it.');
    expect(screen.getByTestId('key-usage').textContent).toBe((1.5).toLocaleString());
  });
});

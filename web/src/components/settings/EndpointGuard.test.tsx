// Component tests of issue 13 on the Settings page: the endpoint change carries the current password, the last
// change is shown at the top, and audit rows caused without the account's credentials are marked.
// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ApiKeyInfo, AuditEvent } from '../../api/types';
import { fakeApi, sentTo, signIn } from '../../test-support/fakeApi';
import { ApiKeySection } from './ApiKeySection';
import { AuditSection } from './AuditSection';
import { EndpointNotice } from './EndpointNotice';

const PATCH = 'PATCH /api/settings/api-key/openrouter';
const key: ApiKeyInfo = {
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
const moved: ApiKeyInfo = { ...key, endpoint: 'https://llm.example.com/v1', endpoint_changed_at: '2026-05-06T07:08:09Z' };

beforeEach(() => signIn());
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('custom endpoint guard', () => {
  it('asks for the current password before sending an endpoint change, then sends it along', async () => {
    const sent = fakeApi({ 'GET /api/settings/api-keys': () => [200, [key]], [PATCH]: () => [200, moved] });
    render(<ApiKeySection />);
    await screen.findByText('Test key');
    fireEvent.input(screen.getByLabelText(/Custom endpoint/, { selector: 'input#api-endpoint' }), { target: { value: 'https://llm.example.com/v1' } });
    fireEvent.submit(screen.getByRole('form', { name: 'Custom endpoint' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Enter your current password to change the endpoint.');
    expect(sentTo(sent, 'PATCH', '/api/settings/api-key/openrouter')).toHaveLength(0);

    fireEvent.input(screen.getByLabelText(/Current password/, { selector: 'input' }), { target: { value: 'my password' } });
    fireEvent.submit(screen.getByRole('form', { name: 'Custom endpoint' }));
    expect((await screen.findByRole('status')).textContent).toBe('Endpoint saved.');
    expect(sentTo(sent, 'PATCH', '/api/settings/api-key/openrouter')[0].body).toEqual({
      endpoint: 'https://llm.example.com/v1',
      current_password: 'my password',
    });
  });

  it('shows the last endpoint change at the top of Settings, and nothing when there was none', async () => {
    fakeApi({ 'GET /api/settings/api-keys': () => [200, [moved]] });
    render(<EndpointNotice />);
    const notice = await screen.findByTestId('endpoint-notice');
    expect(notice.textContent).toContain('https://llm.example.com/v1');
    expect(notice.textContent).toContain('If this was not you');
    cleanup();
    fakeApi({ 'GET /api/settings/api-keys': () => [200, [key]] });
    render(<EndpointNotice />);
    await waitFor(() => expect(screen.queryByTestId('endpoint-notice')).toBeNull());
  });

  it('marks audit rows written for requests without the account credentials, with their count', async () => {
    const rows: AuditEvent[] = [
      { id: 2, at: '2026-05-06T07:08:09Z', action: 'login_throttled', outcome: 'failure', ip: '198.51.100.1',
        user_agent: null, details: {}, count: 30, authenticated: false },
      { id: 1, at: '2026-05-06T07:00:00Z', action: 'login_success', outcome: 'success', ip: '192.0.2.1',
        user_agent: null, details: {}, count: 1, authenticated: true },
    ];
    fakeApi({ 'GET /api/settings/audit-log?limit=50': () => [200, rows] });
    render(<AuditSection />);
    const table = await screen.findByTestId('audit-log');
    const [throttled, success] = Array.from(table.querySelectorAll('tbody tr'));
    expect(throttled.textContent).toContain('×30');
    expect(throttled.textContent).toContain('not signed in');
    expect(success.textContent).not.toContain('not signed in');
  });
});

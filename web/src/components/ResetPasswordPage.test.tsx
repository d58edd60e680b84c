// Component tests of the reset page a reset link opens: success hands over to sign-in, a used or expired token
// (400) says so, mismatched entries and weak passwords are caught before sending, a link without token is refused.
// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeApi, sentTo, type Routes, type SentRequest } from '../test-support/fakeApi';
import { App } from './App';
import { LINK_USED_OR_EXPIRED, ResetPasswordPage } from './ResetPasswordPage';

const RESET = 'POST /api/auth/password-reset';
let sent: SentRequest[];
let onDone: ReturnType<typeof vi.fn<() => void>>;

function mount(answer: Routes[string], token = 'tok-1') {
  sent = fakeApi({ [RESET]: answer });
  render(<ResetPasswordPage token={token} onDone={onDone} />);
}

function enter(password: string, confirm: string) {
  fireEvent.input(screen.getByLabelText('New password'), { target: { value: password } });
  fireEvent.input(screen.getByLabelText('Confirm new password'), { target: { value: confirm } });
  fireEvent.submit(screen.getByRole('form', { name: 'Reset password' }));
}

beforeEach(() => {
  onDone = vi.fn<() => void>();
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('ResetPasswordPage', () => {
  it('sends the token with the new password and hands over to sign-in', async () => {
    mount(() => [200, { status: 'password reset' }]);
    enter('a brand new secret', 'a brand new secret');
    await waitFor(() => expect(onDone).toHaveBeenCalledOnce());
    expect(sentTo(sent, 'POST', '/api/auth/password-reset')[0].body).toEqual({ token: 'tok-1', new_password: 'a brand new secret' });
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('says the link is used or expired when the server refuses the token', async () => {
    mount(() => [400, { detail: 'Invalid or expired reset token.' }]);
    enter('a brand new secret', 'a brand new secret');
    expect((await screen.findByRole('alert')).textContent).toBe(LINK_USED_OR_EXPIRED);
    expect(onDone).not.toHaveBeenCalled();
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Set new password' }).disabled).toBe(false);
  });

  it('passes on the server sentence for a password it refuses (422)', async () => {
    mount(() => [422, { detail: 'new_password: must be at most 72 bytes' }]);
    enter('a brand new secret', 'a brand new secret');
    expect((await screen.findByRole('alert')).textContent).toBe('new_password: must be at most 72 bytes');
  });

  it('catches mismatched and short passwords before sending', async () => {
    mount(() => [200, { status: 'password reset' }]);
    enter('a brand new secret', 'a brand new secreT');
    expect((await screen.findByRole('alert')).textContent).toMatch(/do not match/);
    enter('short', 'short');
    expect((await screen.findByRole('alert')).textContent).toMatch(/at least 8/);
    expect(sent).toHaveLength(0);
    expect(onDone).not.toHaveBeenCalled();
  });

  it('offers no form for a link without a token', () => {
    mount(() => [200, {}], '');
    expect(screen.getByRole('alert').textContent).toMatch(/no token/);
    expect(screen.queryByLabelText('New password')).toBeNull();
  });
});

describe('App on a reset link', () => {
  it('opens the reset page from the link and shows sign-in once the password is set, the token gone from the URL', async () => {
    localStorage.clear();
    location.hash = '#/reset?token=from-link';
    sent = fakeApi({ [RESET]: () => [200, { status: 'password reset' }], 'GET /api/auth/config': () => [200, { registration: 'open' }] });
    render(<App />);
    enter('a brand new secret', 'a brand new secret');
    await screen.findByRole('form', { name: 'Sign in' });
    expect(screen.getByRole('status').textContent).toMatch(/password has been reset/);
    expect(sentTo(sent, 'POST', '/api/auth/password-reset')[0].body).toMatchObject({ token: 'from-link' });
    expect(location.hash).toBe('#/new');
  });
});

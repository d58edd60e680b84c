// Component tests of the sign-up form against the registration mode: the invite field only in invite mode (and
// sent), nothing extra in open mode, a clear notice instead of the form when registration is closed.
// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeApi, sentTo, type Routes, type SentRequest } from '../test-support/fakeApi';
import { AuthScreen } from './AuthScreen';

const TOKENS = { access_token: 'a', refresh_token: 'r', token_type: 'bearer', expires_in: 900 };
let sent: SentRequest[];
let onSignedIn: ReturnType<typeof vi.fn<() => void>>;

function serve(registration: string, register: Routes[string] = () => [200, TOKENS]) {
  sent = fakeApi({ 'GET /api/auth/config': () => [200, { registration }], 'POST /api/auth/register': register });
}

/** Renders the screen, waits for the mode to be read, and switches to the sign-up form. */
async function openSignUp() {
  render(<AuthScreen onSignedIn={onSignedIn} />);
  await waitFor(() => expect(sentTo(sent, 'GET', '/api/auth/config')).toHaveLength(1));
  fireEvent.click(within(screen.getByRole('group', { name: 'Account' })).getByRole('button', { name: 'Create account' }));
}

const type = (label: string, value: string) => fireEvent.input(screen.getByLabelText(label), { target: { value } });

function fillAccount() {
  type('Email', 'dora@example.com');
  type('Password', 'long enough password');
  type('Confirm password', 'long enough password');
}

const submit = () => fireEvent.submit(screen.getByRole('form', { name: 'Create account' }));

beforeEach(() => {
  onSignedIn = vi.fn<() => void>();
  localStorage.clear();
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('AuthScreen sign-up', () => {
  it('asks for an invite code in invite mode and sends it', async () => {
    serve('invite');
    await openSignUp();
    await screen.findByLabelText('Invite code');
    fillAccount();
    submit();
    expect((await screen.findByRole('alert')).textContent).toMatch(/Invite code: enter the code/);
    expect(sentTo(sent, 'POST', '/api/auth/register')).toHaveLength(0);

    type('Invite code', '  INV-42  ');
    submit();
    await waitFor(() => expect(onSignedIn).toHaveBeenCalledOnce());
    expect(sentTo(sent, 'POST', '/api/auth/register')[0].body).toEqual({
      email: 'dora@example.com',
      password: 'long enough password',
      invite_code: 'INV-42',
    });
  });

  it('shows the server sentence when the invite is refused', async () => {
    serve('invite', () => [403, { detail: 'This invite code has expired.' }]);
    await openSignUp();
    await screen.findByLabelText('Invite code');
    fillAccount();
    type('Invite code', 'OLD');
    submit();
    expect((await screen.findByRole('alert')).textContent).toBe('This invite code has expired.');
    expect(onSignedIn).not.toHaveBeenCalled();
  });

  it('has no invite field in open mode and sends no code', async () => {
    serve('open');
    await openSignUp();
    fillAccount();
    expect(screen.queryByLabelText('Invite code')).toBeNull();
    submit();
    await waitFor(() => expect(onSignedIn).toHaveBeenCalledOnce());
    expect(sentTo(sent, 'POST', '/api/auth/register')[0].body).toEqual({ email: 'dora@example.com', password: 'long enough password' });
  });

  it('says registration is closed instead of showing the form, and still lets users sign in', async () => {
    serve('closed');
    await openSignUp();
    expect((await screen.findByTestId('registration-closed')).textContent).toMatch(/Registration is closed/);
    expect(screen.queryByLabelText('Email')).toBeNull();
    expect(screen.queryByRole('form', { name: 'Create account' })).toBeNull();
    fireEvent.click(within(screen.getByRole('group', { name: 'Account' })).getByRole('button', { name: 'Sign in' }));
    expect(screen.getByRole('form', { name: 'Sign in' })).toBeTruthy();
    expect(screen.queryByTestId('registration-closed')).toBeNull();
  });
});

// Component tests of the admin page and its nav entry: the users table, disable (after confirming) and enable
// updating the row, invite and reset-link creation showing what to copy, a refusal (403) for others, and the
// sidebar entry present only when the admin API answers.
// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AdminUser } from '../../api/types';
import { fakeApi, sentTo, signIn, type Routes, type SentRequest } from '../../test-support/fakeApi';
import { Shell } from '../Shell';
import { AdminPage } from './AdminPage';

const ADA: AdminUser = {
  id: '11111111-1111-4111-8111-111111111111',
  email: 'ada@example.com',
  created_at: '2026-01-02T03:04:05Z',
  last_login_at: '2026-02-03T04:05:06Z',
  disabled: false,
  admin: true,
  key_stored: true,
};
const BOB: AdminUser = {
  id: '22222222-2222-4222-8222-222222222222',
  email: 'bob@example.com',
  created_at: '2026-01-05T00:00:00Z',
  last_login_at: null,
  disabled: false,
  admin: false,
  key_stored: false,
};
const BOB_PATH = `/api/admin/users/${BOB.id}`;

let sent: SentRequest[];
let users: AdminUser[];
let writeText: ReturnType<typeof vi.fn<(text: string) => Promise<void>>>;

function serveAdmin(extra: Routes = {}) {
  users = [ADA, { ...BOB }];
  sent = fakeApi({
    'GET /api/admin/users': () => [200, { users }],
    [`POST ${BOB_PATH}/disable`]: () => [200, { ...BOB, disabled: true }],
    [`POST ${BOB_PATH}/enable`]: () => [200, { ...BOB, disabled: false }],
    ...extra,
  });
}

const row = (email: string) => screen.getByTestId('admin-users').querySelector<HTMLElement>(`tr[data-user="${email}"]`)!;
const cells = (email: string) => Array.from(row(email).querySelectorAll('td')).map((td) => td.textContent?.trim());

beforeEach(() => {
  signIn();
  HTMLDialogElement.prototype.showModal = function (this: HTMLDialogElement) {
    this.open = true;
  };
  HTMLDialogElement.prototype.close = function (this: HTMLDialogElement) {
    this.open = false;
  };
  writeText = vi.fn<(text: string) => Promise<void>>(() => Promise.resolve());
  Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('AdminPage', () => {
  it('lists the users with created, last sign-in, status and whether a key is stored', async () => {
    serveAdmin();
    render(<AdminPage currentUserId={ADA.id} />);
    await screen.findByTestId('admin-users');
    expect(cells('ada@example.com').slice(2, 5)).toEqual([expect.not.stringMatching(/Never/), 'Active', 'Yes']);
    expect(cells('ada@example.com')[0]).toMatch(/ada@example\.com \(you\)\s*Admin/);
    expect(within(row('ada@example.com')).queryByRole('button', { name: 'Disable' })).toBeNull();
    expect(within(row('bob@example.com')).getByRole('button', { name: 'Disable' })).toBeTruthy();
    expect(cells('bob@example.com').slice(2, 5)).toEqual(['Never', 'Active', 'No']);
    expect(sentTo(sent, 'GET', '/api/admin/users')[0].headers.get('authorization')).toBe('Bearer test-access');
  });

  it('disables a user after confirming and enables them again, updating the row each time', async () => {
    serveAdmin();
    render(<AdminPage currentUserId={ADA.id} />);
    await screen.findByTestId('admin-users');
    fireEvent.click(within(row('bob@example.com')).getByRole('button', { name: 'Disable' }));
    const dialog = await screen.findByRole('dialog');
    expect(sentTo(sent, 'POST', `${BOB_PATH}/disable`)).toHaveLength(0);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Disable' }));
    await waitFor(() => expect(cells('bob@example.com')[3]).toBe('Disabled'));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(sentTo(sent, 'POST', `${BOB_PATH}/disable`)).toHaveLength(1);

    fireEvent.click(within(row('bob@example.com')).getByRole('button', { name: 'Enable' }));
    await waitFor(() => expect(cells('bob@example.com')[3]).toBe('Active'));
    expect(sentTo(sent, 'POST', `${BOB_PATH}/enable`)).toHaveLength(1);
    expect(cells('ada@example.com')[3]).toBe('Active');
  });

  it('keeps the row and shows the sentence when disabling fails', async () => {
    serveAdmin({ [`POST ${BOB_PATH}/disable`]: () => [404, { detail: 'User not found.' }] });
    render(<AdminPage currentUserId={ADA.id} />);
    await screen.findByTestId('admin-users');
    fireEvent.click(within(row('bob@example.com')).getByRole('button', { name: 'Disable' }));
    fireEvent.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Disable' }));
    expect((await within(screen.getByRole('dialog')).findByRole('alert')).textContent).toBe('User not found.');
    expect(cells('bob@example.com')[3]).toBe('Active');
  });

  it('creates an invite with the chosen uses and expiry and shows the code to copy', async () => {
    serveAdmin({ 'POST /api/admin/invites': () => [200, { code: 'INV-7QX2', uses: 5, expires_at: '2026-04-01T00:00:00Z' }] });
    render(<AdminPage currentUserId={ADA.id} />);
    await screen.findByTestId('admin-users');
    fireEvent.input(screen.getByLabelText('Uses'), { target: { value: '0' } });
    fireEvent.submit(screen.getByRole('form', { name: 'Create invite' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/Uses: enter a whole number from 1 to 1000/);
    expect(sentTo(sent, 'POST', '/api/admin/invites')).toHaveLength(0);

    fireEvent.input(screen.getByLabelText('Uses'), { target: { value: '5' } });
    fireEvent.input(screen.getByLabelText('Valid for (days)'), { target: { value: '30' } });
    fireEvent.submit(screen.getByRole('form', { name: 'Create invite' }));
    const code = await screen.findByLabelText<HTMLInputElement>('Invite code');
    expect(code.value).toBe('INV-7QX2');
    expect(screen.getByTestId('invite-result').textContent).toMatch(/up to 5 accounts/);
    expect(sentTo(sent, 'POST', '/api/admin/invites')[0].body).toEqual({ uses: 5, expires_in_days: 30 });
    fireEvent.click(screen.getByRole('button', { name: 'Copy invite code' }));
    await waitFor(() => expect(writeText).toHaveBeenCalledWith('INV-7QX2'));
    expect(await within(screen.getByTestId('invite-result')).findByText('Copied.')).toBeTruthy();
  });

  it("creates a user's reset link and shows it with a copy button", async () => {
    const link = 'http://127.0.0.1:8080/#/reset?token=r3s3t';
    serveAdmin({ [`POST ${BOB_PATH}/password-reset`]: () => [200, { link, token: 'r3s3t', expires_at: '2026-04-01T00:30:00Z' }] });
    render(<AdminPage currentUserId={ADA.id} />);
    await screen.findByTestId('admin-users');
    fireEvent.click(screen.getByRole('button', { name: 'Create a password-reset link for bob@example.com' }));
    const field = await screen.findByLabelText<HTMLInputElement>('Reset link for bob@example.com');
    expect(field.value).toBe(link);
    fireEvent.click(screen.getByRole('button', { name: 'Copy reset link for bob@example.com' }));
    await waitFor(() => expect(writeText).toHaveBeenCalledWith(link));
  });

  it('says when copying is not allowed', async () => {
    writeText.mockRejectedValue(new Error('denied'));
    serveAdmin({ 'POST /api/admin/invites': () => [200, { code: 'INV-1', uses: 1, expires_at: '2026-04-01T00:00:00Z' }] });
    render(<AdminPage currentUserId={ADA.id} />);
    await screen.findByTestId('admin-users');
    fireEvent.submit(screen.getByRole('form', { name: 'Create invite' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Copy invite code' }));
    expect(await screen.findByText(/select the text and copy it by hand/)).toBeTruthy();
  });

  it('tells a non-admin the page is for administrators (403)', async () => {
    fakeApi({ 'GET /api/admin/users': () => [403, { detail: 'Admin only.' }] });
    render(<AdminPage currentUserId={ADA.id} />);
    expect(await screen.findByText(/Only administrators can open this page/)).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.queryByTestId('admin-users')).toBeNull();
    expect(screen.queryByRole('form', { name: 'Create invite' })).toBeNull();
  });
});

describe('the Admin nav entry', () => {
  const me = { id: ADA.id, email: ADA.email, created_at: ADA.created_at };
  const shellRoutes = (admin: Routes[string]): Routes => ({
    'GET /api/conversations': () => [200, []],
    'GET /api/models': () => [200, { models: ['a/x', 'b/y'], default_models: ['a/x', 'b/y'], default_lead_model: 'a/x' }],
    'GET /api/admin/users': admin,
  });

  it('is shown when the admin API answers', async () => {
    sent = fakeApi(shellRoutes(() => [200, { users: [ADA] }]));
    render(<Shell user={me} />);
    expect((await screen.findByRole('link', { name: 'Admin' })).getAttribute('href')).toBe('#/admin');
  });

  it('is hidden when the admin API answers 403', async () => {
    sent = fakeApi(shellRoutes(() => [403, { detail: 'Admin only.' }]));
    render(<Shell user={me} />);
    await waitFor(() => expect(sentTo(sent, 'GET', '/api/admin/users')).toHaveLength(1));
    await screen.findByRole('link', { name: 'Settings' });
    // The answer is handled in promise callbacks: one macrotask later they have all run.
    await new Promise((r) => setTimeout(r, 0));
    expect(screen.queryByRole('link', { name: 'Admin' })).toBeNull();
  });
});

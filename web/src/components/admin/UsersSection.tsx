// Admin: the accounts table (never a key), disable/enable, and a password-reset link for one account.
import { useState } from 'preact/hooks';
import { createResetLink, setUserDisabled } from '../../api/endpoints';
import type { AdminUser, ResetLink } from '../../api/types';
import { formatDate } from '../../lib/format';
import { ErrorAlert } from '../Alert';
import { CopyField } from '../CopyField';
import { ConfirmDialog } from '../Dialog';

interface UsersSectionProps {
  users: AdminUser[];
  /** The signed-in admin: offered no Disable (the server refuses it). */
  currentUserId: string;
  /** Replaces one user with the server's updated copy. */
  onUpdated: (user: AdminUser) => void;
}

/** The users table with its actions. */
export function UsersSection({ users, currentUserId, onUpdated }: UsersSectionProps) {
  const [busyId, setBusyId] = useState<string | null>(null);
  const [error, setError] = useState('');
  const [disabling, setDisabling] = useState<AdminUser | null>(null);
  const [reset, setReset] = useState<{ email: string; link: ResetLink } | null>(null);

  const run = async (user: AdminUser, work: () => Promise<void>) => {
    setBusyId(user.id);
    setError('');
    try {
      await work();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusyId(null);
    }
  };

  const setDisabled = (user: AdminUser, disabled: boolean) =>
    run(user, async () => {
      onUpdated(await setUserDisabled(user.id, disabled));
      setDisabling(null);
    });

  const makeResetLink = (user: AdminUser) =>
    run(user, async () => setReset({ email: user.email, link: await createResetLink(user.id) }));

  return (
    <section class="card" aria-labelledby="users-title">
      <h2 id="users-title">Users</h2>
      {users.length === 0 && <p class="muted">No accounts yet.</p>}
      {users.length > 0 && (
        <div class="table-wrap">
          <table data-testid="admin-users">
            <caption class="visually-hidden">Accounts</caption>
            <thead>
              <tr>
                <th scope="col">Email</th>
                <th scope="col">Created</th>
                <th scope="col">Last sign-in</th>
                <th scope="col">Status</th>
                <th scope="col">Key stored</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {users.map((u) => (
                <tr key={u.id} data-user={u.email}>
                  <td>
                    {u.email} {u.id === currentUserId && <span class="muted">(you)</span>}{' '}
                    {u.admin && <span class="badge badge-ok">Admin</span>}
                  </td>
                  <td>{formatDate(u.created_at)}</td>
                  <td>{u.last_login_at ? formatDate(u.last_login_at) : 'Never'}</td>
                  <td>
                    <span class={u.disabled ? 'badge badge-off' : 'badge badge-ok'}>{u.disabled ? 'Disabled' : 'Active'}</span>
                  </td>
                  <td>{u.key_stored ? 'Yes' : 'No'}</td>
                  <td>
                    <div class="button-row row-actions">
                      {u.disabled && (
                        <button type="button" class="button button-small" disabled={busyId !== null} onClick={() => void setDisabled(u, false)}>
                          Enable
                        </button>
                      )}
                      {!u.disabled && u.id !== currentUserId && (
                        <button type="button" class="button button-small" disabled={busyId !== null} onClick={() => setDisabling(u)}>
                          Disable
                        </button>
                      )}
                      <button
                        type="button"
                        class="button button-small"
                        disabled={busyId !== null}
                        aria-label={`Create a password-reset link for ${u.email}`}
                        onClick={() => void makeResetLink(u)}
                      >
                        Reset link
                      </button>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {error && !disabling && <ErrorAlert message={error} />}
      {reset && (
        <div data-testid="reset-result">
          <CopyField id="reset-link" label={`Reset link for ${reset.email}`} value={reset.link.link} />
          <p class="muted small">
            Works once, until {formatDate(reset.link.expires_at)}. Send it to the user yourself; no e-mail is sent.
          </p>
        </div>
      )}
      {disabling && (
        <ConfirmDialog
          title={`Disable ${disabling.email}?`}
          message={<p>They are signed out everywhere and cannot sign in until the account is enabled again.</p>}
          confirmLabel="Disable"
          busy={busyId !== null}
          error={error}
          onConfirm={() => void setDisabled(disabling, true)}
          onCancel={() => setDisabling(null)}
        />
      )}
    </section>
  );
}

// The page a password-reset link opens (#/reset?token=...): a new password, checked, sent with the link's token.
import { useState } from 'preact/hooks';
import { ApiError, resetPassword } from '../api/endpoints';
import { checkConfirm, checkPassword } from '../lib/validation';
import { ErrorAlert } from './Alert';

/** The sentence shown when the server refuses the token (400): it is unknown, used or expired. */
export const LINK_USED_OR_EXPIRED = 'This link is used or expired. Ask your administrator for a new reset link.';

/** Sets a new password with `token`; calls `onDone` once the server accepted it. */
export function ResetPasswordPage({ token, onDone }: { token: string; onDone: () => void }) {
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');

  const submit = async (e: Event) => {
    e.preventDefault();
    const problem = checkPassword(password, 'New password') ?? checkConfirm(password, confirm);
    if (problem) return setError(problem);
    setBusy(true);
    setError('');
    try {
      await resetPassword(token, password);
      onDone();
    } catch (err) {
      setError(err instanceof ApiError && err.status === 400 ? LINK_USED_OR_EXPIRED : (err as Error).message);
      setBusy(false);
    }
  };

  return (
    <main class="auth-page">
      <div class="auth-card">
        <h1 class="brand">LLM Council</h1>
        <h2>Choose a new password</h2>
        {token === '' ? (
          <ErrorAlert message="This link is incomplete: it has no token. Open the whole link you were given.">
            <a class="button" href="#/new">
              Go to sign in
            </a>
          </ErrorAlert>
        ) : (
          <form class="form" onSubmit={submit} noValidate aria-label="Reset password">
            <p class="muted small">Every session of the account is signed out; sign in again with the new password.</p>
            <div class="field">
              <label for="reset-password">New password</label>
              <input
                id="reset-password"
                type="password"
                autocomplete="new-password"
                aria-describedby="reset-password-hint"
                value={password}
                disabled={busy}
                onInput={(e) => setPassword(e.currentTarget.value)}
              />
              <small id="reset-password-hint" class="hint">
                8 to 72 bytes.
              </small>
            </div>
            <div class="field">
              <label for="reset-confirm">Confirm new password</label>
              <input
                id="reset-confirm"
                type="password"
                autocomplete="new-password"
                value={confirm}
                disabled={busy}
                onInput={(e) => setConfirm(e.currentTarget.value)}
              />
            </div>
            {error && <ErrorAlert message={error} />}
            <button type="submit" class="button button-primary button-block" disabled={busy}>
              {busy ? 'Setting password…' : 'Set new password'}
            </button>
            <p class="small">
              <a href="#/new">Back to sign in</a>
            </p>
          </form>
        )}
      </div>
    </main>
  );
}

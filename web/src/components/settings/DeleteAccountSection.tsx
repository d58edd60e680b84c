// Account deletion, behind a dialog that asks for the password.
import { useState } from 'preact/hooks';
import { deleteAccount } from '../../api/endpoints';
import { endSession } from '../../api/session';
import { Dialog } from '../Dialog';
import { ErrorAlert } from '../Alert';

/** Settings "danger zone" section. */
export function DeleteAccountSection() {
  const [open, setOpen] = useState(false);
  const [password, setPassword] = useState('');
  const [understood, setUnderstood] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');

  const close = () => {
    setOpen(false);
    setPassword('');
    setUnderstood(false);
    setError('');
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!password) return setError('Password: enter your password to confirm.');
    setBusy(true);
    setError('');
    try {
      await deleteAccount(password);
      endSession('logged_out');
    } catch (err) {
      setError((err as Error).message);
      setBusy(false);
    }
  };

  return (
    <section class="card card-danger" aria-labelledby="delete-title">
      <h2 id="delete-title">Delete account</h2>
      <p class="muted small">Deletes your account, your API key, your sessions and every conversation. This cannot be undone.</p>
      <button type="button" class="button button-danger" onClick={() => setOpen(true)}>
        Delete my account…
      </button>
      {open && (
        <Dialog title="Delete your account?" onClose={close} initialFocus="#delete-password">
          <form class="form" onSubmit={submit} noValidate aria-label="Confirm account deletion">
            <p>Everything will be deleted for good: your key, sessions and conversations.</p>
            <div class="field">
              <label for="delete-password">Your password</label>
              <input
                id="delete-password"
                type="password"
                autocomplete="current-password"
                value={password}
                disabled={busy}
                onInput={(e) => setPassword(e.currentTarget.value)}
              />
            </div>
            <label class="checkbox">
              <input type="checkbox" checked={understood} disabled={busy} onChange={(e) => setUnderstood(e.currentTarget.checked)} />
              <span>I understand this cannot be undone.</span>
            </label>
            {error && <ErrorAlert message={error} />}
            <div class="dialog-actions">
              <button type="button" class="button" onClick={close}>
                Cancel
              </button>
              <button type="submit" class="button button-danger" disabled={busy || !understood}>
                {busy ? 'Deleting…' : 'Delete account'}
              </button>
            </div>
          </form>
        </Dialog>
      )}
    </section>
  );
}

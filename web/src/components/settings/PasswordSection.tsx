// Change password; the server ends every other session when it succeeds.
import { useState } from 'preact/hooks';
import { changePassword } from '../../api/endpoints';
import { checkConfirm, checkPassword } from '../../lib/validation';
import { ErrorAlert, SuccessNote } from '../Alert';

/** Settings section to change the password. */
export function PasswordSection() {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [note, setNote] = useState('');

  const submit = async (e: Event) => {
    e.preventDefault();
    setNote('');
    const problem =
      (current ? null : 'Current password: enter your current password.') ??
      checkPassword(next, 'New password') ??
      checkConfirm(next, confirm);
    if (problem) return setError(problem);
    setBusy(true);
    setError('');
    try {
      await changePassword(current, next);
      setCurrent('');
      setNext('');
      setConfirm('');
      setNote('Password changed. Your other sessions were signed out.');
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="card" aria-labelledby="password-title">
      <h2 id="password-title">Change password</h2>
      <form class="form" onSubmit={submit} noValidate aria-label="Change password">
        <div class="field">
          <label for="pw-current">Current password</label>
          <input id="pw-current" type="password" autocomplete="current-password" value={current} disabled={busy} onInput={(e) => setCurrent(e.currentTarget.value)} />
        </div>
        <div class="field">
          <label for="pw-new">New password</label>
          <input id="pw-new" type="password" autocomplete="new-password" aria-describedby="pw-new-hint" value={next} disabled={busy} onInput={(e) => setNext(e.currentTarget.value)} />
          <small id="pw-new-hint" class="hint">
            8 to 72 bytes.
          </small>
        </div>
        <div class="field">
          <label for="pw-confirm">Confirm new password</label>
          <input id="pw-confirm" type="password" autocomplete="new-password" value={confirm} disabled={busy} onInput={(e) => setConfirm(e.currentTarget.value)} />
        </div>
        {error && <ErrorAlert message={error} />}
        {note && <SuccessNote message={note} />}
        <button type="submit" class="button button-primary" disabled={busy}>
          {busy ? 'Changing…' : 'Change password'}
        </button>
      </form>
    </section>
  );
}

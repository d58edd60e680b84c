// Sign-in and sign-up forms with the server's rules checked before sending; sign-up follows the registration mode.
import { useEffect, useState } from 'preact/hooks';
import { authConfig, login, register } from '../api/endpoints';
import type { RegistrationMode } from '../api/types';
import { checkConfirm, checkEmail, checkInviteCode, checkPassword } from '../lib/validation';
import { ErrorAlert } from './Alert';

type Mode = 'signin' | 'signup';

/** The signed-out screen; `notice` explains why the user is here (e.g. an expired session). */
export function AuthScreen({ notice, onSignedIn }: { notice?: string; onSignedIn: () => void }) {
  const [mode, setMode] = useState<Mode>('signin');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [inviteCode, setInviteCode] = useState('');
  const [registration, setRegistration] = useState<RegistrationMode>('open');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const signup = mode === 'signup';
  const needsInvite = signup && registration === 'invite';

  useEffect(() => {
    // Unknown mode (config unreachable): offer the open form; the server still enforces its mode.
    authConfig()
      .then((config) => setRegistration(config.registration))
      .catch(() => undefined);
  }, []);

  const switchMode = (m: Mode) => {
    setMode(m);
    setError('');
    setConfirm('');
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    const problem =
      checkEmail(email) ??
      (signup
        ? checkPassword(password) ?? checkConfirm(password, confirm) ?? (needsInvite ? checkInviteCode(inviteCode) : null)
        : password
          ? null
          : 'Password: enter your password.');
    if (problem) {
      setError(problem);
      return;
    }
    setBusy(true);
    setError('');
    try {
      if (signup) await register(email, password, needsInvite ? inviteCode : undefined);
      else await login(email, password);
      onSignedIn();
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <main class="auth-page">
      <div class="auth-card">
        <h1 class="brand">LLM Council</h1>
        <p class="muted">Ask several models at once; they answer, rank each other, and a lead model synthesises.</p>
        <div class="segmented" role="group" aria-label="Account">
          <button type="button" aria-pressed={!signup} onClick={() => switchMode('signin')}>
            Sign in
          </button>
          <button type="button" aria-pressed={signup} onClick={() => switchMode('signup')}>
            Create account
          </button>
        </div>
        {notice && (
          <p class="alert alert-info" role="status">
            {notice}
          </p>
        )}
        {signup && registration === 'closed' ? (
          <p class="alert alert-info" role="status" data-testid="registration-closed">
            Registration is closed: new accounts cannot be created here. Ask the administrator for an account, or sign
            in if you have one.
          </p>
        ) : (
          <form class="form" onSubmit={submit} noValidate aria-label={signup ? 'Create account' : 'Sign in'}>
            <div class="field">
              <label for="auth-email">Email</label>
              <input
                id="auth-email"
                type="email"
                autocomplete="email"
                value={email}
                onInput={(e) => setEmail(e.currentTarget.value)}
                required
                disabled={busy}
              />
            </div>
            <div class="field">
              <label for="auth-password">Password</label>
              <input
                id="auth-password"
                type="password"
                autocomplete={signup ? 'new-password' : 'current-password'}
                value={password}
                onInput={(e) => setPassword(e.currentTarget.value)}
                aria-describedby={signup ? 'auth-password-hint' : undefined}
                required
                disabled={busy}
              />
              {signup && (
                <small id="auth-password-hint" class="hint">
                  8 to 72 bytes.
                </small>
              )}
            </div>
            {signup && (
              <div class="field">
                <label for="auth-confirm">Confirm password</label>
                <input
                  id="auth-confirm"
                  type="password"
                  autocomplete="new-password"
                  value={confirm}
                  onInput={(e) => setConfirm(e.currentTarget.value)}
                  required
                  disabled={busy}
                />
              </div>
            )}
            {needsInvite && (
              <div class="field">
                <label for="auth-invite">Invite code</label>
                <input
                  id="auth-invite"
                  type="text"
                  autocomplete="off"
                  spellcheck={false}
                  value={inviteCode}
                  onInput={(e) => setInviteCode(e.currentTarget.value)}
                  aria-describedby="auth-invite-hint"
                  required
                  disabled={busy}
                />
                <small id="auth-invite-hint" class="hint">
                  New accounts need an invite; ask the administrator for a code.
                </small>
              </div>
            )}
            {error && <ErrorAlert message={error} />}
            <button type="submit" class="button button-primary button-block" disabled={busy}>
              {busy ? (signup ? 'Creating account…' : 'Signing in…') : signup ? 'Create account' : 'Sign in'}
            </button>
          </form>
        )}
      </div>
    </main>
  );
}

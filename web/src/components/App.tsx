// Top level: resumes the stored session, shows sign-in, the app or the password-reset page, and reacts to
// session changes in any tab.
import { useEffect, useState } from 'preact/hooks';
import { me } from '../api/endpoints';
import { SessionExpiredError } from '../api/http';
import { endSession, hasStoredSession, onSessionEnded, onSessionStarted } from '../api/session';
import type { User } from '../api/types';
import { replaceRoute, useRoute } from '../lib/route';
import { AuthScreen } from './AuthScreen';
import { ResetPasswordPage } from './ResetPasswordPage';
import { Shell } from './Shell';
import { Busy } from './Spinner';

type Phase = { name: 'loading' } | { name: 'signed_out'; notice?: string } | { name: 'signed_in'; user: User };

/** The application root. */
export function App() {
  const route = useRoute();
  const [phase, setPhase] = useState<Phase>(() => (hasStoredSession() ? { name: 'loading' } : { name: 'signed_out' }));

  const loadUser = async () => {
    try {
      setPhase({ name: 'signed_in', user: await me() });
    } catch (e) {
      if (e instanceof SessionExpiredError) return; // onSessionEnded already switched to sign-in
      setPhase({ name: 'signed_out', notice: (e as Error).message });
    }
  };

  useEffect(() => {
    if (phase.name === 'loading') void loadUser();
    const offEnded = onSessionEnded((reason) =>
      setPhase({
        name: 'signed_out',
        notice: reason === 'expired' ? 'Your session has expired. Sign in again; what you were typing is kept.' : undefined,
      }),
    );
    const offStarted = onSessionStarted(() => void loadUser());
    return () => {
      offEnded();
      offStarted();
    };
  }, []);

  const onPasswordReset = () => {
    // The server ended every session of that account: whoever is signed in here signs in again.
    if (phase.name !== 'signed_out') endSession('logged_out');
    setPhase({ name: 'signed_out', notice: 'Your password has been reset. Sign in with your new password.' });
    replaceRoute({ name: 'new' });
  };

  if (route.name === 'reset') return <ResetPasswordPage token={route.token} onDone={onPasswordReset} />;
  if (phase.name === 'loading') {
    return (
      <main class="auth-page" aria-busy="true">
        <Busy text="Resuming your session…" />
      </main>
    );
  }
  if (phase.name === 'signed_out') return <AuthScreen notice={phase.notice} onSignedIn={loadUser} />;
  return <Shell key={phase.user.id} user={phase.user} />;
}

// Top level: resumes the stored session, shows sign-in or the app, and reacts to session changes in any tab.
import { useEffect, useState } from 'preact/hooks';
import { me } from '../api/endpoints';
import { SessionExpiredError } from '../api/http';
import { hasStoredSession, onSessionEnded, onSessionStarted } from '../api/session';
import type { User } from '../api/types';
import { AuthScreen } from './AuthScreen';
import { Shell } from './Shell';
import { Busy } from './Spinner';

type Phase = { name: 'loading' } | { name: 'signed_out'; notice?: string } | { name: 'signed_in'; user: User };

/** The application root. */
export function App() {
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

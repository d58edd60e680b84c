// Active sessions (devices) with revoke; revoking the current one signs this browser out.
import { useEffect, useState } from 'preact/hooks';
import { listSessions, revokeSession } from '../../api/endpoints';
import { endSession } from '../../api/session';
import type { SessionInfo } from '../../api/types';
import { formatDate } from '../../lib/format';
import { ErrorAlert } from '../Alert';
import { Busy } from '../Spinner';

/** Settings section listing the user's sessions. */
export function SessionsSection() {
  const [sessions, setSessions] = useState<SessionInfo[] | null>(null);
  const [error, setError] = useState('');
  const [busyId, setBusyId] = useState<string | null>(null);

  const load = async () => {
    try {
      setSessions(await listSessions());
      setError('');
    } catch (e) {
      setError((e as Error).message);
    }
  };
  useEffect(() => {
    void load();
  }, []);

  const revoke = async (s: SessionInfo) => {
    setBusyId(s.id);
    setError('');
    try {
      await revokeSession(s.id);
      if (s.current) {
        endSession('logged_out');
        return;
      }
      await load();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusyId(null);
    }
  };

  return (
    <section class="card" aria-labelledby="sessions-title">
      <h2 id="sessions-title">Active sessions</h2>
      {sessions === null && !error && <Busy text="Loading sessions…" />}
      {sessions?.length === 0 && <p class="muted">No active sessions.</p>}
      {sessions && sessions.length > 0 && (
        <ul class="plain-list" data-testid="sessions">
          {sessions.map((s) => (
            <li key={s.id} class="session-item">
              <div>
                <p>
                  <strong>{s.user_agent || 'Unknown device'}</strong>{' '}
                  {s.current && <span class="badge badge-ok">This browser</span>}
                </p>
                <p class="muted small">
                  {s.ip ?? 'unknown address'} · signed in {formatDate(s.created_at)} · last active {formatDate(s.last_used_at)}
                </p>
              </div>
              <button
                type="button"
                class="button"
                disabled={busyId !== null}
                aria-label={s.current ? 'Revoke this session and sign out' : `Revoke session from ${s.user_agent || 'unknown device'}`}
                onClick={() => void revoke(s)}
              >
                {busyId === s.id ? 'Revoking…' : s.current ? 'Sign out here' : 'Revoke'}
              </button>
            </li>
          ))}
        </ul>
      )}
      {error && <ErrorAlert message={error} />}
    </section>
  );
}

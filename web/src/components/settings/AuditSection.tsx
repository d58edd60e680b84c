// The user's own security events (newest first), 50 at a time; rows caused without the account's credentials
// (failed or throttled sign-ins by anyone) are marked, repeated ones show their count.
import { useEffect, useState } from 'preact/hooks';
import { auditLog } from '../../api/endpoints';
import type { AuditEvent } from '../../api/types';
import { formatDate } from '../../lib/format';
import { ErrorAlert } from '../Alert';
import { Busy } from '../Spinner';

const PAGE = 50;

function describeDetails(details: unknown): string {
  if (details === null || details === undefined || details === '') return '';
  if (typeof details === 'string') return details;
  if (typeof details === 'object' && Object.keys(details).length === 0) return '';
  return JSON.stringify(details);
}

/** Settings section with the audit log. */
export function AuditSection() {
  const [events, setEvents] = useState<AuditEvent[] | null>(null);
  const [more, setMore] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');

  const load = async (before?: AuditEvent['id']) => {
    setBusy(true);
    setError('');
    try {
      const page = await auditLog(PAGE, before);
      setEvents((old) => (before === undefined ? page : [...(old ?? []), ...page]));
      setMore(page.length === PAGE);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  useEffect(() => {
    void load();
  }, []);

  return (
    <section class="card" aria-labelledby="audit-title">
      <div class="card-head">
        <h2 id="audit-title">Security activity</h2>
        <button type="button" class="button button-small" disabled={busy} onClick={() => void load()}>
          Refresh
        </button>
      </div>
      {events === null && busy && <Busy text="Loading activity…" />}
      {events?.length === 0 && <p class="muted">No activity recorded yet.</p>}
      {events && events.length > 0 && (
        <div class="table-wrap">
          <table class="audit-table" data-testid="audit-log">
            <caption class="visually-hidden">Security events, newest first</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Action</th>
                <th scope="col">Outcome</th>
                <th scope="col">IP address</th>
                <th scope="col">Details</th>
              </tr>
            </thead>
            <tbody>
              {events.map((ev) => (
                <tr key={String(ev.id)}>
                  <td>{formatDate(ev.at)}</td>
                  <td>
                    {ev.action}
                    {ev.count > 1 && <span class="muted"> ×{ev.count}</span>}
                    {!ev.authenticated && (
                      <>
                        {' '}
                        <span class="badge badge-off" title="Caused by a request that was not signed in to your account">
                          not signed in
                        </span>
                      </>
                    )}
                  </td>
                  <td>
                    <span class={/success|ok|allow/i.test(ev.outcome) ? 'badge badge-ok' : 'badge badge-off'}>{ev.outcome}</span>
                  </td>
                  <td>{ev.ip ?? ''}</td>
                  <td class="details" title={ev.user_agent ?? undefined}>
                    {describeDetails(ev.details)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {more && events && (
        <button type="button" class="button" disabled={busy} onClick={() => void load(events[events.length - 1].id)}>
          {busy ? 'Loading…' : 'Show older events'}
        </button>
      )}
      {error && <ErrorAlert message={error} />}
    </section>
  );
}

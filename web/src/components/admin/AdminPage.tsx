// The admin page (#/admin): accounts with disable/enable and reset links, and invites; the API refuses non-admins.
import { useEffect, useState } from 'preact/hooks';
import { adminUsers } from '../../api/endpoints';
import { ApiError, SessionExpiredError } from '../../api/http';
import type { AdminUser } from '../../api/types';
import { ErrorAlert } from '../Alert';
import { Busy } from '../Spinner';
import { InviteSection } from './InviteSection';
import { UsersSection } from './UsersSection';

/** Everything an admin manages; `currentUserId` is the signed-in admin (who cannot disable themself). */
export function AdminPage({ currentUserId }: { currentUserId: string }) {
  const [users, setUsers] = useState<AdminUser[] | null>(null);
  const [error, setError] = useState('');
  const [forbidden, setForbidden] = useState(false);

  const load = async () => {
    setError('');
    try {
      setUsers((await adminUsers()).users);
    } catch (e) {
      if (e instanceof SessionExpiredError) return;
      if (e instanceof ApiError && e.status === 403) setForbidden(true);
      else setError((e as Error).message);
    }
  };
  useEffect(() => {
    void load();
  }, []);

  const onUpdated = (user: AdminUser) => setUsers((list) => list?.map((u) => (u.id === user.id ? user : u)) ?? list);

  return (
    <section class="page settings" aria-labelledby="admin-title">
      <h1 id="admin-title">Admin</h1>
      {forbidden && (
        <p class="alert alert-info" role="status">
          Only administrators can open this page.
        </p>
      )}
      {error && (
        <ErrorAlert message={error}>
          <button type="button" class="button" onClick={load}>
            Try again
          </button>
        </ErrorAlert>
      )}
      {users === null && !forbidden && !error && <Busy text="Loading users…" />}
      {users && (
        <>
          <UsersSection users={users} currentUserId={currentUserId} onUpdated={onUpdated} />
          <InviteSection />
        </>
      )}
    </section>
  );
}

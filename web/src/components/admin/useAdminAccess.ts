// Whether the signed-in user may open the admin page: the admin API answers them (others get 403).
import { useEffect, useState } from 'preact/hooks';
import { adminUsers } from '../../api/endpoints';

/** True once GET /api/admin/users answered; false while asking and when it refused (403) or failed. */
export function useAdminAccess(): boolean {
  const [admin, setAdmin] = useState(false);
  useEffect(() => {
    let live = true;
    adminUsers()
      .then(() => live && setAdmin(true))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);
  return admin;
}

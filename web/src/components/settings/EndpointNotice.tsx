// The top-of-Settings notice of the last custom endpoint change of the user's key (an attacker holding a stolen
// token would point the key there), with what to do when it was not the user.
import { useEffect, useState } from 'preact/hooks';
import { listApiKeys } from '../../api/endpoints';
import type { ApiKeyInfo } from '../../api/types';
import { formatDate } from '../../lib/format';

/** Shows when the custom endpoint of a stored key last changed, and where it points now; nothing otherwise. */
export function EndpointNotice() {
  const [changed, setChanged] = useState<ApiKeyInfo | null>(null);
  useEffect(() => {
    listApiKeys()
      .then((keys) => setChanged(keys.find((k) => k.endpoint_changed_at) ?? null))
      .catch(() => setChanged(null));
  }, []);
  if (!changed?.endpoint_changed_at) return null;
  return (
    <p class="alert alert-info" role="note" data-testid="endpoint-notice">
      The custom endpoint of your {changed.provider} key was changed on {formatDate(changed.endpoint_changed_at)}; it
      now uses {changed.endpoint ? <code>{changed.endpoint}</code> : 'the default endpoint'}. If this was not you,
      change your password and replace your key.
    </p>
  );
}

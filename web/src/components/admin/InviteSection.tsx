// Admin: create an invite code (how many accounts it may create, how many days it lasts) and show it to copy.
import { useState } from 'preact/hooks';
import { createInvite } from '../../api/endpoints';
import type { Invite } from '../../api/types';
import { formatDate } from '../../lib/format';
import { checkWholeNumber } from '../../lib/validation';
import { ErrorAlert } from '../Alert';
import { CopyField } from '../CopyField';

/** The invite form and the last code created. */
export function InviteSection() {
  const [uses, setUses] = useState('1');
  const [days, setDays] = useState('7');
  const [invite, setInvite] = useState<Invite | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');

  const submit = async (e: Event) => {
    e.preventDefault();
    const problem = checkWholeNumber(uses, 'Uses', 1, 1000) ?? checkWholeNumber(days, 'Valid for (days)', 1, 365);
    if (problem) return setError(problem);
    setBusy(true);
    setError('');
    try {
      setInvite(await createInvite(Number(uses), Number(days)));
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="card" aria-labelledby="invite-title">
      <h2 id="invite-title">Invites</h2>
      <p class="muted small">When registration is by invite, a new account needs one of these codes.</p>
      <form class="form inline-form" onSubmit={submit} noValidate aria-label="Create invite">
        <div class="field">
          <label for="invite-uses">Uses</label>
          <input id="invite-uses" type="number" min={1} max={1000} value={uses} disabled={busy} onInput={(e) => setUses(e.currentTarget.value)} />
        </div>
        <div class="field">
          <label for="invite-days">Valid for (days)</label>
          <input id="invite-days" type="number" min={1} max={365} value={days} disabled={busy} onInput={(e) => setDays(e.currentTarget.value)} />
        </div>
        <button type="submit" class="button button-primary" disabled={busy}>
          {busy ? 'Creating…' : 'Create invite'}
        </button>
      </form>
      {error && <ErrorAlert message={error} />}
      {invite && (
        <div data-testid="invite-result">
          <CopyField id="invite-code" label="Invite code" value={invite.code} />
          <p class="muted small">
            Creates up to {invite.uses} account{invite.uses === 1 ? '' : 's'}; expires {formatDate(invite.expires_at)}.
          </p>
        </div>
      )}
    </section>
  );
}

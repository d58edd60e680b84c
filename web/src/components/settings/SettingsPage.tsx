// The settings page: key, spending and budget, sessions, password, security activity, data export, account deletion.
import type { User } from '../../api/types';
import { ApiKeySection } from './ApiKeySection';
import { AuditSection } from './AuditSection';
import { DeleteAccountSection } from './DeleteAccountSection';
import { EndpointNotice } from './EndpointNotice';
import { ExportSection } from './ExportSection';
import { PasswordSection } from './PasswordSection';
import { SessionsSection } from './SessionsSection';
import { SpendingSection } from './SpendingSection';

/** All settings for the signed-in user. */
export function SettingsPage({ user }: { user: User }) {
  return (
    <section class="page settings" aria-labelledby="settings-title">
      <h1 id="settings-title">Settings</h1>
      <p class="muted">Signed in as {user.email}</p>
      <EndpointNotice />
      <ApiKeySection />
      <SpendingSection />
      <SessionsSection />
      <PasswordSection />
      <AuditSection />
      <ExportSection />
      <DeleteAccountSection />
    </section>
  );
}

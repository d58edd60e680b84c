// Wire types of the issue-14 operations not yet in proto/ (shapes from the wave-2 API notes); replaced by the
// generated types of proto/auth.openapi.yaml and proto/council.openapi.yaml once those operations are documented.

/** Who may create an account (GET /api/auth/config). */
export type RegistrationMode = 'open' | 'invite' | 'closed';

/** GET /api/auth/config. */
export interface AuthConfig {
  registration: RegistrationMode;
}

/** What the provider last said about a stored key: when it was checked, its credit limit and usage. */
export interface KeyCheck {
  validated_at: string | null;
  limit: number | null;
  usage: number | null;
}

/** GET /api/admin/users item (never a key). */
export interface AdminUser {
  id: string;
  email: string;
  created_at: string;
  last_login_at: string | null;
  disabled: boolean;
  admin: boolean;
  key_stored: boolean;
}

/** GET /api/admin/users. */
export interface AdminUserList {
  users: AdminUser[];
}

/** POST /api/admin/invites answer. */
export interface Invite {
  code: string;
  uses: number;
  expires_at: string;
}

/** POST /api/admin/users/{id}/password-reset answer: a single-use link to the reset page. */
export interface ResetLink {
  link: string;
  token: string;
  expires_at: string;
}

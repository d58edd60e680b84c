// One typed function per API endpoint the UI uses (proto/auth.openapi.yaml, proto/council.openapi.yaml).
import { apiJson, authFetch, publicJson, errorDetail, ApiError } from './http';
import { accessToken, adoptTokens, endSession, refreshToken } from './session';
import type {
  AdminUser,
  AdminUserList,
  ApiKeyInfo,
  AuditEvent,
  AuthConfig,
  Conversation,
  ConversationSummary,
  Invite,
  InviteRequest,
  ModelsInfo,
  PasswordReset,
  Registration,
  ResetLink,
  SaveKeyRequest,
  SessionInfo,
  StatusPasswordReset,
  TokenResponse,
  User,
} from './types';
import type { Budget, BudgetUpdate, CancelAccepted, CreateConversationRequest, UsageReport } from './runs-types';

const PROVIDER = 'openrouter';
const enc = encodeURIComponent;

/** Who may create an account: open, invite (needs a code) or closed. */
export const authConfig = () => publicJson<AuthConfig>('GET', '/api/auth/config');

/** Creates an account and starts its session; `inviteCode` is sent only when given. */
export async function register(email: string, password: string, inviteCode?: string): Promise<void> {
  const body: Registration = { email: email.trim(), password };
  if (inviteCode !== undefined) body.invite_code = inviteCode.trim();
  adoptTokens(await publicJson<TokenResponse>('POST', '/api/auth/register', body));
}

/** Sets a new password with the single-use token of a reset link (no session needed). */
export const resetPassword = (token: string, new_password: string) =>
  publicJson<StatusPasswordReset>('POST', '/api/auth/password-reset', { token, new_password } satisfies PasswordReset);

/** Signs in and starts a session. */
export async function login(email: string, password: string): Promise<void> {
  adoptTokens(await publicJson<TokenResponse>('POST', '/api/auth/login', { email: email.trim(), password }));
}

/** Ends the session on the server (best effort) and everywhere in the browser. */
export async function logout(): Promise<void> {
  const token = refreshToken();
  const bearer = accessToken();
  try {
    if (token) {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (bearer) headers.authorization = `Bearer ${bearer}`;
      await fetch('/api/auth/logout', { method: 'POST', headers, body: JSON.stringify({ refresh_token: token }) });
    }
  } finally {
    endSession('logged_out');
  }
}

export const me = () => apiJson<User>('GET', '/api/auth/me');
export const listSessions = () => apiJson<SessionInfo[]>('GET', '/api/auth/sessions');
export const revokeSession = (id: string) => apiJson<unknown>('DELETE', `/api/auth/sessions/${enc(id)}`);
export const changePassword = (current_password: string, new_password: string) =>
  apiJson<unknown>('POST', '/api/auth/password', { current_password, new_password });
export const deleteAccount = (password: string) => apiJson<unknown>('DELETE', '/api/auth/account', { password });

export const listApiKeys = () => apiJson<ApiKeyInfo[]>('GET', '/api/settings/api-keys');
/** Saves the key; the server checks it with the provider first unless `validate` is false. */
/** Stores the key; a replaced key loses its custom endpoint unless `endpoint` (with the password) sets it again. */
export const saveApiKey = (apiKey: string, validate = true, endpoint?: { endpoint: string; current_password: string }) =>
  apiJson<ApiKeyInfo>('POST', '/api/settings/api-key', {
    api_key: apiKey.trim(),
    provider: PROVIDER,
    ...(validate ? {} : { validate: false }),
    ...(endpoint ?? {}),
  } satisfies SaveKeyRequest);
/** Asks the provider again whether the stored key works; answers the refreshed metadata. */
export const testApiKey = () => apiJson<ApiKeyInfo>('POST', `/api/settings/api-key/${PROVIDER}/test`);
/** Changes the key; an `endpoint` change needs `current_password` (403 without it, 401 when wrong). */
export const updateApiKey = (patch: { enabled?: boolean; endpoint?: string | null; current_password?: string }) =>
  apiJson<ApiKeyInfo>('PATCH', `/api/settings/api-key/${PROVIDER}`, patch);
export const deleteApiKey = () => apiJson<unknown>('DELETE', `/api/settings/api-key/${PROVIDER}`);

/** One page of the audit log, newest first; pass the last id seen as `before` for the next page. */
export function auditLog(limit = 50, before?: string | number): Promise<AuditEvent[]> {
  const q = new URLSearchParams({ limit: String(limit) });
  if (before !== undefined) q.set('before', String(before));
  return apiJson<AuditEvent[]>('GET', `/api/settings/audit-log?${q}`);
}

export const models = () => apiJson<ModelsInfo>('GET', '/api/models');
export const listConversations = () => apiJson<ConversationSummary[]>('GET', '/api/conversations');
export const getConversation = (id: string) => apiJson<Conversation>('GET', `/api/conversations/${enc(id)}`);
/** Starts a conversation; `settings` holds only the council settings the user set. */
export const createConversation = (models: string[], lead_model: string, settings: Partial<CreateConversationRequest> = {}) =>
  apiJson<Conversation>('POST', '/api/conversations', { ...settings, models, lead_model } satisfies CreateConversationRequest);
export const deleteConversation = (id: string) => apiJson<unknown>('DELETE', `/api/conversations/${enc(id)}`);

/** Asks the server to stop a running run (202); a finished run answers 409. */
export const cancelRun = (conversationId: string, runId: string) =>
  apiJson<CancelAccepted>('POST', `/api/conversations/${enc(conversationId)}/runs/${enc(runId)}/cancel`);

/** The month's spending (the current UTC month unless `month` is YYYY-MM), per model and per day. */
export const usageReport = (month?: string) =>
  apiJson<UsageReport>('GET', month ? `/api/usage?${new URLSearchParams({ month })}` : '/api/usage');
export const getBudget = () => apiJson<Budget>('GET', '/api/settings/budget');
/** Sets the monthly cap in US dollars, or removes it with null. */
export const setBudget = (monthly_usd: number | null) =>
  apiJson<Budget>('PUT', '/api/settings/budget', { monthly_usd } satisfies BudgetUpdate);

/** The user's data as a ZIP (GET /api/export) and the file name the server suggests. */
export async function exportData(): Promise<{ blob: Blob; filename: string }> {
  const res = await authFetch('/api/export');
  if (!res.ok) throw new ApiError(res.status, await errorDetail(res));
  const disposition = res.headers.get('content-disposition') ?? '';
  const named = /filename="?([^";]+)"?/i.exec(disposition);
  return { blob: await res.blob(), filename: named?.[1] ?? 'council-export.zip' };
}

export const adminUsers = () => apiJson<AdminUserList>('GET', '/api/admin/users');
/** Disables (signs out everywhere, refuses sign-in) or re-enables an account; answers the updated user. */
export const setUserDisabled = (id: string, disabled: boolean) =>
  apiJson<AdminUser>('POST', `/api/admin/users/${enc(id)}/${disabled ? 'disable' : 'enable'}`);
export const createInvite = (uses: number, expires_in_days: number) =>
  apiJson<Invite>('POST', '/api/admin/invites', { uses, expires_in_days } satisfies InviteRequest);
export const createResetLink = (id: string) => apiJson<ResetLink>('POST', `/api/admin/users/${enc(id)}/password-reset`);

export { ApiError, errorDetail };

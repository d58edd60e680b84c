// One typed function per API endpoint the UI uses (proto/auth.openapi.yaml, proto/council.openapi.yaml).
import { apiJson, publicJson, errorDetail, ApiError } from './http';
import { accessToken, adoptTokens, endSession, refreshToken } from './session';
import type {
  ApiKeyInfo,
  AuditEvent,
  Conversation,
  ConversationSummary,
  ModelsInfo,
  SessionInfo,
  TokenResponse,
  User,
} from './types';

const PROVIDER = 'openrouter';
const enc = encodeURIComponent;

/** Creates an account and starts its session. */
export async function register(email: string, password: string): Promise<void> {
  adoptTokens(await publicJson<TokenResponse>('POST', '/api/auth/register', { email: email.trim(), password }));
}

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
export const saveApiKey = (apiKey: string) =>
  apiJson<ApiKeyInfo>('POST', '/api/settings/api-key', { api_key: apiKey.trim(), provider: PROVIDER });
export const updateApiKey = (patch: { enabled?: boolean; endpoint?: string | null }) =>
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
export const createConversation = (models: string[], lead_model: string) =>
  apiJson<Conversation>('POST', '/api/conversations', { models, lead_model });
export const deleteConversation = (id: string) => apiJson<unknown>('DELETE', `/api/conversations/${enc(id)}`);

export { ApiError, errorDetail };

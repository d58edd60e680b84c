// fetch() wrapper for the API: bearer token, one shared refresh and a retry on 401, errors as ApiError.
import { accessToken, endSession, refreshAccess } from './session';

/** A failed API call: the HTTP status and the server's one-sentence detail. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Thrown when the session cannot be renewed; the app has already returned to sign-in. */
export class SessionExpiredError extends ApiError {
  constructor() {
    super(401, 'Your session has expired. Please sign in again.');
    this.name = 'SessionExpiredError';
  }
}

/** The `detail` sentence of an error response, or a generic sentence naming the status. */
export async function errorDetail(res: Response): Promise<string> {
  try {
    const body = (await res.json()) as { detail?: unknown };
    if (typeof body.detail === 'string' && body.detail) return body.detail;
    if (Array.isArray(body.detail)) {
      return (body.detail as unknown[]).map((d) => (typeof d === 'object' && d && 'msg' in d ? String(d.msg) : String(d))).join(' ');
    }
  } catch {
    /* not JSON */
  }
  if (res.status === 429) return 'Too many requests. Please wait a moment and try again.';
  if (res.status >= 500) return `The server had a problem (HTTP ${res.status}). Please try again.`;
  return `The request failed (HTTP ${res.status}).`;
}

/**
 * True when a 401 means the bearer token was refused (WWW-Authenticate, or the standard token
 * sentences) rather than a wrong password on an endpoint that checks one.
 */
export async function isTokenRejection(res: Response): Promise<boolean> {
  if (res.status !== 401) return false;
  if (res.headers.has('www-authenticate')) return true;
  try {
    const body = (await res.clone().json()) as { detail?: unknown };
    return typeof body.detail === 'string' && /token|not authenticated/i.test(body.detail);
  } catch {
    return true;
  }
}

function withAuth(init: RequestInit, token: string | null): RequestInit {
  const headers = new Headers(init.headers);
  if (token) headers.set('authorization', `Bearer ${token}`);
  return { ...init, headers };
}

async function send(path: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(path, init);
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError(0, 'Cannot reach the server. Check your connection and try again.');
  }
}

/**
 * Sends an authenticated request. When the token is refused it waits for the shared refresh and retries once;
 * when the session cannot be renewed it ends the session and throws SessionExpiredError.
 * Returns the response whatever its status (other errors are the caller's to read).
 */
export async function authFetch(path: string, init: RequestInit = {}): Promise<Response> {
  let token = accessToken();
  if (token === null) token = await refreshAccess(null);
  if (token === null) {
    endSession('expired');
    throw new SessionExpiredError();
  }
  const res = await send(path, withAuth(init, token));
  if (!(await isTokenRejection(res))) return res;
  const fresh = await refreshAccess(token);
  if (fresh === null) {
    endSession('expired');
    throw new SessionExpiredError();
  }
  // A 401 with a token just issued is the endpoint's own answer (e.g. a wrong password): pass it on.
  return send(path, withAuth(init, fresh));
}

function jsonInit(method: string, body: unknown): RequestInit {
  if (body === undefined) return { method };
  return { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}

/** Authenticated JSON call: the parsed body on 2xx, ApiError otherwise. */
export async function apiJson<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await authFetch(path, jsonInit(method, body));
  if (!res.ok) throw new ApiError(res.status, await errorDetail(res));
  return (await res.json()) as T;
}

/** Unauthenticated JSON call (login, register). */
export async function publicJson<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await send(path, jsonInit(method, body));
  if (!res.ok) throw new ApiError(res.status, await errorDetail(res));
  return (await res.json()) as T;
}

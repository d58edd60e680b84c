// Session tokens: access token in memory, refresh token in localStorage, one shared refresh per tab
// (serialised across tabs with the Web Locks API) and tab-to-tab news over BroadcastChannel.
import type { TokenResponse } from './types';

const REFRESH_KEY = 'council.refresh_token';
const CHANNEL = 'council-session';
const LOCK = 'council-refresh';

type Message = { type: 'tokens'; access: string } | { type: 'ended' };
type Listener = (reason: 'expired' | 'logged_out') => void;

let access: string | null = null;
let inflight: Promise<string | null> | null = null;
const listeners = new Set<Listener>();
const loginListeners = new Set<() => void>();
const channel: BroadcastChannel | null = typeof BroadcastChannel !== 'undefined' ? new BroadcastChannel(CHANNEL) : null;

function storedRefresh(): string | null {
  try {
    return localStorage.getItem(REFRESH_KEY);
  } catch {
    return null;
  }
}

function storeRefresh(token: string | null): void {
  try {
    if (token) localStorage.setItem(REFRESH_KEY, token);
    else localStorage.removeItem(REFRESH_KEY);
  } catch {
    /* storage unavailable: the session lasts for this tab only */
  }
}

function notifyEnded(reason: 'expired' | 'logged_out'): void {
  for (const l of listeners) l(reason);
}

channel?.addEventListener('message', (e: MessageEvent<Message>) => {
  const msg = e.data;
  if (msg?.type === 'tokens') {
    const changedUser = access === null || tokenSubject(access) !== tokenSubject(msg.access);
    access = msg.access;
    if (changedUser) for (const l of loginListeners) l();
  } else if (msg?.type === 'ended') {
    access = null;
    notifyEnded('logged_out');
  }
});

if (typeof window !== 'undefined') {
  window.addEventListener('storage', (e: StorageEvent) => {
    if (e.key === REFRESH_KEY && e.newValue === null && access !== null) {
      access = null;
      notifyEnded('logged_out');
    }
  });
}

/** The `sub` claim of a JWT (read only to tell users apart, never trusted), or null. */
export function tokenSubject(token: string): string | null {
  try {
    const part = token.split('.')[1] ?? '';
    const json = atob(part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '='));
    const sub = (JSON.parse(json) as { sub?: unknown }).sub;
    return typeof sub === 'string' ? sub : null;
  } catch {
    return null;
  }
}

/** The current access token, or null when signed out or not yet refreshed. */
export function accessToken(): string | null {
  return access;
}

/** True when a refresh token is kept, i.e. a session may be resumed. */
export function hasStoredSession(): boolean {
  return storedRefresh() !== null;
}

/** The stored refresh token (for logout). */
export function refreshToken(): string | null {
  return storedRefresh();
}

/** Keeps the tokens of a fresh login/registration/refresh and tells the other tabs. */
export function adoptTokens(tokens: TokenResponse): void {
  access = tokens.access_token;
  storeRefresh(tokens.refresh_token);
  channel?.postMessage({ type: 'tokens', access: tokens.access_token } satisfies Message);
}

/** Forgets the session here and in every tab; `reason` is passed to onSessionEnded listeners. */
export function endSession(reason: 'expired' | 'logged_out'): void {
  access = null;
  storeRefresh(null);
  channel?.postMessage({ type: 'ended' } satisfies Message);
  notifyEnded(reason);
}

/** Registers a listener for the end of the session (expiry or logout, in this or another tab). */
export function onSessionEnded(l: Listener): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

/** Registers a listener for a login made in another tab (while this one was signed out, or as another user). */
export function onSessionStarted(l: () => void): () => void {
  loginListeners.add(l);
  return () => loginListeners.delete(l);
}

async function refreshOnce(failed: string | null): Promise<string | null> {
  // Another tab (or an earlier waiter) may have refreshed while we waited for the lock.
  if (access !== null && access !== failed) return access;
  const token = storedRefresh();
  if (!token) return null;
  let res: Response;
  try {
    res = await fetch('/api/auth/refresh', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refresh_token: token }),
    });
  } catch {
    throw new Error('Cannot reach the server. Check your connection and try again.');
  }
  if (res.status === 401 || res.status === 400 || res.status === 403) {
    // Only forget the session if no other tab replaced the token meanwhile.
    if (storedRefresh() === token) storeRefresh(null);
    return null;
  }
  if (!res.ok) throw new Error(`The server could not renew the session (HTTP ${res.status}).`);
  const tokens = (await res.json()) as TokenResponse;
  adoptTokens(tokens);
  return tokens.access_token;
}

/**
 * Obtains a new access token after `failed` was refused. Every caller in this tab shares one
 * request; tabs take turns through a Web Lock so a rotated refresh token is never reused.
 * Resolves to null when the session is over.
 */
export function refreshAccess(failed: string | null): Promise<string | null> {
  if (inflight) return inflight;
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  const run = locks
    ? new Promise<string | null>((resolve, reject) => {
        locks.request(LOCK, () => refreshOnce(failed).then(resolve, reject)).catch(reject);
      })
    : refreshOnce(failed);
  const shared = run.finally(() => {
    inflight = null;
  });
  inflight = shared;
  return shared;
}

// Unit tests of authFetch and the shared refresh: one refresh for many refused requests, session end.
import { beforeEach, describe, expect, it, vi } from 'vitest';

type Handler = (url: string, init: RequestInit) => Response;

const store = new Map<string, string>();
const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
const refused = () => json(401, { detail: 'Invalid or expired token' }, { 'www-authenticate': 'Bearer' });

async function load(handler: Handler) {
  vi.resetModules();
  vi.stubGlobal('BroadcastChannel', undefined);
  vi.stubGlobal('localStorage', {
    getItem: (k: string) => store.get(k) ?? null,
    setItem: (k: string, v: string) => void store.set(k, v),
    removeItem: (k: string) => void store.delete(k),
  });
  const fetchMock = vi.fn((url: string, init: RequestInit = {}) => Promise.resolve(handler(url, init)));
  vi.stubGlobal('fetch', fetchMock);
  const session = await import('./session');
  const http = await import('./http');
  return { session, http, fetchMock };
}

const bearer = (init: RequestInit) => new Headers(init.headers).get('authorization');

beforeEach(() => {
  store.clear();
  vi.unstubAllGlobals();
});

describe('authFetch', () => {
  it('answers several refused requests with one refresh, then retries each', async () => {
    let refreshes = 0;
    const { session, http } = await load((url, init) => {
      if (url === '/api/auth/refresh') {
        refreshes += 1;
        expect(JSON.parse(init.body as string)).toEqual({ refresh_token: 'r1' });
        return json(200, { access_token: 'a2', refresh_token: 'r2', token_type: 'bearer', expires_in: 900 });
      }
      return bearer(init) === 'Bearer a2' ? json(200, { ok: url }) : refused();
    });
    session.adoptTokens({ access_token: 'a1', refresh_token: 'r1', token_type: 'bearer', expires_in: 900 });
    const results = await Promise.all(['/api/a', '/api/b', '/api/c'].map((u) => http.apiJson<{ ok: string }>('GET', u)));
    expect(results.map((r) => r.ok)).toEqual(['/api/a', '/api/b', '/api/c']);
    expect(refreshes).toBe(1);
    expect(store.get('council.refresh_token')).toBe('r2');
    expect(session.accessToken()).toBe('a2');
  });

  it('ends the session when the refresh is refused', async () => {
    const { session, http } = await load((url) => (url === '/api/auth/refresh' ? refused() : refused()));
    session.adoptTokens({ access_token: 'a1', refresh_token: 'r1', token_type: 'bearer', expires_in: 900 });
    const ended = vi.fn();
    session.onSessionEnded(ended);
    await expect(http.apiJson('GET', '/api/x')).rejects.toBeInstanceOf(http.SessionExpiredError);
    expect(ended).toHaveBeenCalledWith('expired');
    expect(store.has('council.refresh_token')).toBe(false);
    expect(session.accessToken()).toBeNull();
  });

  it('passes on a 401 that is about a password, without refreshing', async () => {
    let refreshes = 0;
    const { session, http } = await load((url) => {
      if (url === '/api/auth/refresh') refreshes += 1;
      return json(401, { detail: 'Current password is incorrect' });
    });
    session.adoptTokens({ access_token: 'a1', refresh_token: 'r1', token_type: 'bearer', expires_in: 900 });
    const err = (await http.apiJson('POST', '/api/auth/password', {}).catch((e: unknown) => e)) as Error;
    expect(err).toBeInstanceOf(http.ApiError);
    expect(err).not.toBeInstanceOf(http.SessionExpiredError);
    expect(err.message).toBe('Current password is incorrect');
    expect(refreshes).toBe(0);
    expect(session.accessToken()).toBe('a1');
  });

  it('resumes a stored session by refreshing first', async () => {
    store.set('council.refresh_token', 'r0');
    const { http, fetchMock } = await load((url, init) =>
      url === '/api/auth/refresh'
        ? json(200, { access_token: 'a1', refresh_token: 'r1', token_type: 'bearer', expires_in: 900 })
        : bearer(init) === 'Bearer a1'
          ? json(200, { id: 'u' })
          : refused(),
    );
    expect(await http.apiJson('GET', '/api/auth/me')).toEqual({ id: 'u' });
    expect(fetchMock).toHaveBeenCalledTimes(2);
    expect(store.get('council.refresh_token')).toBe('r1');
  });

  it('turns error bodies into sentences', async () => {
    const { http } = await load(() => json(400, { detail: 'No API key configured. Please add your OpenRouter API key in Settings.' }));
    expect(await http.errorDetail(json(422, { detail: 'password: must be at least 8 characters' }))).toBe(
      'password: must be at least 8 characters',
    );
    expect(await http.errorDetail(new Response('oops', { status: 502 }))).toMatch(/HTTP 502/);
    expect(await http.errorDetail(new Response('', { status: 429 }))).toMatch(/Too many requests/);
  });
});

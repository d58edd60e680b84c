// Test support for component tests: a fetch stand-in that answers "METHOD /path" routes and records each request,
// so a test drives the real api/ code and checks what went over the wire.
import { vi } from 'vitest';
import { adoptTokens } from '../api/session';

/** One request the app sent. */
export interface SentRequest {
  method: string;
  path: string;
  body: unknown;
  headers: Headers;
}

/** A JSON answer [status, body], or a ready Response (e.g. a ZIP). */
export type Answer = [number, unknown] | Response;
export type Routes = Record<string, (body: unknown) => Answer>;

const toResponse = (answer: Answer) =>
  answer instanceof Response
    ? answer
    : new Response(JSON.stringify(answer[1]), { status: answer[0], headers: { 'content-type': 'application/json' } });

/** Replaces fetch with `routes` (unknown routes answer 404); the returned list fills as requests arrive. */
export function fakeApi(routes: Routes): SentRequest[] {
  const sent: SentRequest[] = [];
  const fetchMock = vi.fn((input: string, init: RequestInit = {}) => {
    const method = (init.method ?? 'GET').toUpperCase();
    const body = typeof init.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined;
    sent.push({ method, path: input, body, headers: new Headers(init.headers) });
    const route = routes[`${method} ${input}`];
    return Promise.resolve(toResponse(route ? route(body) : [404, { detail: 'Not found' }]));
  });
  vi.stubGlobal('fetch', fetchMock);
  return sent;
}

/** The requests sent to `method path`. */
export function sentTo(sent: SentRequest[], method: string, path: string): SentRequest[] {
  return sent.filter((r) => r.method === method && r.path === path);
}

/** Starts a session with a fixed access token, as after sign-in. */
export function signIn(): void {
  adoptTokens({ access_token: 'test-access', refresh_token: 'test-refresh', token_type: 'bearer', expires_in: 900 });
}

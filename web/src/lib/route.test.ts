// Unit tests of the hash routes, including the reset link the auth service prints.
import { describe, expect, it } from 'vitest';
import { parseRoute, routeHref } from './route';

describe('routes', () => {
  it('reads the token of a reset link', () => {
    expect(parseRoute('#/reset?token=abc-123_x')).toEqual({ name: 'reset', token: 'abc-123_x' });
    expect(parseRoute('#/reset')).toEqual({ name: 'reset', token: '' });
    expect(parseRoute('#/reset?other=1')).toEqual({ name: 'reset', token: '' });
  });

  it('round-trips every route through its hash', () => {
    for (const route of [
      { name: 'new' },
      { name: 'settings' },
      { name: 'admin' },
      { name: 'conversation', id: 'a b/c' },
      { name: 'reset', token: 't+/=' },
    ] as const) {
      expect(parseRoute(routeHref(route))).toEqual(route);
    }
  });

  it('falls back to a new inquiry for anything else', () => {
    expect(parseRoute('')).toEqual({ name: 'new' });
    expect(parseRoute('#/admin/x')).toEqual({ name: 'new' });
    expect(parseRoute('#/resetx')).toEqual({ name: 'new' });
  });
});

// Hash routes (#/, #/new, #/c/<id>, #/settings, #/admin, #/reset?token=...): no server-side fallback needed for deep links.
import { useEffect, useState } from 'preact/hooks';

export type Route =
  | { name: 'new' }
  | { name: 'conversation'; id: string }
  | { name: 'settings' }
  | { name: 'admin' }
  | { name: 'reset'; token: string };

/** The route named by a location hash. */
export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '');
  const m = /^\/c\/([^/?#]+)$/.exec(path);
  if (m) return { name: 'conversation', id: decodeURIComponent(m[1]) };
  if (path === '/settings') return { name: 'settings' };
  if (path === '/admin') return { name: 'admin' };
  const reset = /^\/reset(?:\?(.*))?$/.exec(path);
  if (reset) return { name: 'reset', token: new URLSearchParams(reset[1] ?? '').get('token') ?? '' };
  return { name: 'new' };
}

/** The hash for a route. */
export function routeHref(route: Route): string {
  switch (route.name) {
    case 'conversation':
      return `#/c/${encodeURIComponent(route.id)}`;
    case 'settings':
      return '#/settings';
    case 'admin':
      return '#/admin';
    case 'reset':
      return `#/reset?${new URLSearchParams({ token: route.token })}`;
    default:
      return '#/new';
  }
}

/** Navigates to `route`. */
export function navigate(route: Route): void {
  const href = routeHref(route);
  if (location.hash !== href) location.hash = href;
}

/** Navigates to `route` in place of the current history entry (e.g. to drop a used token from history). */
export function replaceRoute(route: Route): void {
  location.replace(routeHref(route));
}

/** The current route, updated on hashchange. */
export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}

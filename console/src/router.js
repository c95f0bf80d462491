// Hash routes: #/p/<project>/<page>/<id>?env=<environment>. The hash never carries a token after sign-in.
import { useEffect, useState } from 'preact/hooks';

export function parseRoute(hash = location.hash) {
  const [pathPart, queryPart = ''] = hash.replace(/^#/, '').split('?');
  const parts = pathPart.split('/').filter(Boolean).map(decodeURIComponent);
  return { parts, query: Object.fromEntries(new URLSearchParams(queryPart)) };
}

export function href(parts, query = {}) {
  const q = new URLSearchParams(Object.entries(query).filter(([, v]) => v));
  const qs = q.toString();
  return '#/' + parts.map(encodeURIComponent).join('/') + (qs ? '?' + qs : '');
}

export function navigate(parts, query) {
  location.hash = href(parts, query);
}

export function useRoute() {
  const [route, setRoute] = useState(parseRoute());
  useEffect(() => {
    const update = () => setRoute(parseRoute());
    addEventListener('hashchange', update);
    return () => removeEventListener('hashchange', update);
  }, []);
  return route;
}

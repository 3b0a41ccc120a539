/**
 * Where to go after signing in: the page the user asked for (`?next=`, set when the app sent
 * them here), if it is a page of this site; otherwise the home page. A `next` such as
 * `//example.com` or `https://…` would make the sign-in page an open redirect, so only a path on
 * this origin is kept, and never the sign-in page itself.
 */
export function afterSignIn(search: string, origin = location.origin): string {
  const next = new URLSearchParams(search).get('next');
  if (!next?.startsWith('/')) return '/';
  try {
    const url = new URL(next, origin);
    if (url.origin !== origin || url.pathname === '/login' || url.pathname === '/login.html') return '/';
    return url.pathname + url.search + url.hash;
  } catch {
    return '/';
  }
}

/** The sign-in page's address that brings the user back to `path` afterwards. */
export function signInPage(path: string): string {
  return path === '/' ? '/login' : `/login?next=${encodeURIComponent(path)}`;
}

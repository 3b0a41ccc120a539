/**
 * While the user types, fetches the app's start-up files (the scripts index.html names) into the
 * browser's cache at the lowest priority, so the app opens after sign-in without waiting for the
 * link. They are hashed and cached as immutable, so this costs nothing on the next visit. Skipped
 * when the phone asks to save data.
 */
export function prefetchApp(): void {
  const connection = (navigator as { connection?: { saveData?: boolean } }).connection;
  if (connection?.saveData) return;
  const start = () =>
    fetch('/index.html', { credentials: 'same-origin' })
      .then((r) => (r.ok ? r.text() : ''))
      .then((html) => {
        for (const [, href] of html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.(?:js|css))"/g)) {
          const link = document.createElement('link');
          link.rel = 'prefetch';
          link.as = href?.endsWith('.css') ? 'style' : 'script';
          link.crossOrigin = 'anonymous';
          link.href = href ?? '';
          document.head.append(link);
        }
      })
      .catch(() => undefined);
  // After the page itself has loaded: the sign-in form comes first.
  if (document.readyState === 'complete') setTimeout(start, 0);
  else addEventListener('load', () => setTimeout(start, 0), { once: true });
}

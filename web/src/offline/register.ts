/**
 * Registers the service worker that vite-plugin-pwa generates (web/vite.config.ts). Called by the
 * signed-in shell, so the login page loads nothing more than before. Service workers need a
 * secure context: HTTPS, or localhost while developing; on plain HTTP the app simply works online
 * only. `onUpdated` hears when a new release has taken over an open page.
 */
export function registerServiceWorker(onUpdated: () => void): void {
  if (!('serviceWorker' in navigator) || !window.isSecureContext) return;
  const container = navigator.serviceWorker;
  const hadController = container.controller !== null;
  container.addEventListener('controllerchange', () => {
    // The first install takes control of the page silently; later ones are a new release.
    if (hadController) onUpdated();
  });
  container.register('/sw.js', { scope: '/' }).catch(() => {
    // No worker (development server, blocked by policy): the app still works online.
  });
}

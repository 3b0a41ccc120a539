import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
// Ant Design's component styles, written at build time (web/antd-style.ts) for the app's theme.
import './app/antd.generated.css';
import './app/phone.css';
import { App } from './app/App';
import { reloadForNewRelease } from './app/staleRelease';

// A stylesheet or module a page preloads is gone after a new release: reload into it, once
// (otherwise the failure reaches the page, which says what happened: app/PageErrorBoundary.tsx).
window.addEventListener('vite:preloadError', (event) => {
  if (reloadForNewRelease()) event.preventDefault();
});

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
// Ant Design's component styles, written at build time (web/antd-style.ts) for the app's theme.
import './app/antd.generated.css';
import './app/phone.css';
import { App } from './app/App';

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}

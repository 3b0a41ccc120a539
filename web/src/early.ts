// The app's first script, a few kilobytes (no React, no Ant Design): it asks who is signed in and,
// once known, what their home page will show first, while the app's libraries still download
// and run (on a phone's link, one to three seconds). The app's first reads of the same addresses
// take these answers (api/early.ts). index.html loads it before the app.
import { fetchEarly } from './api/early';
import type { Me } from './api/types';
import { homeQueueUrls } from './features/workbench/queues';

fetchEarly('/api/auth/me')
  .then((r) => (r.ok ? (r.clone().json() as Promise<Me>) : null))
  .then((me) => {
    if (me) for (const url of homeQueueUrls(me, window.location)) fetchEarly(url);
  })
  .catch(() => undefined);

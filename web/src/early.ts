// The app's first script, a few kilobytes (no React, no Ant Design). While the app's libraries
// still download and run (on a phone's link, one to three seconds) it asks who is signed in and
// what their home page will show first — beside that question when the last visit left the
// answer (api/early.ts), after it otherwise — and draws that first screen itself, a phone's cards
// or a desk's table (early/queueView.ts). The app's first reads of the same addresses take these answers.
// index.html loads it before the app.
import {
  EARLY_RAN_FLAG,
  fetchEarly,
  lastHomeReads,
  peekEarly,
  rememberHomeReads,
  startApp,
} from './api/early';
import type { Me } from './api/types';
import { drawEarlyQueue } from './early/queueView';
import { openingQueue, queueReads } from './features/workbench/queues';

// Seen by the page's own fallback (index.html): the start-up script ran, so it starts the app.
(window as unknown as Record<string, boolean>)[EARLY_RAN_FLAG] = true;
const atHome = window.location.pathname === '/' && !window.location.search;
const guessed = atHome ? lastHomeReads() : [];
for (const url of guessed) fetchEarly(url);

/**
 * The longest the app waits for the first screen to be drawn here: on a return home the queue's
 * answer is usually in within half a second; a slower one is then the app's to show.
 */
const DRAWING_WAIT_MS = 1000;
// Only a return home, whose reads were asked at once, has a screen worth holding the app for.
if (guessed.length === 0) startApp();
else setTimeout(startApp, DRAWING_WAIT_MS);

fetchEarly('/api/auth/me')
  .then((r) => (r.ok ? (r.clone().json() as Promise<Me>) : null))
  .then(async (me) => {
    if (!me) return;
    const queue = openingQueue(me, window.location);
    const reads = queue ? queueReads(queue) : [];
    for (const url of reads) if (!guessed.includes(url)) fetchEarly(url);
    if (atHome) rememberHomeReads(reads);
    const [list, counts] = reads;
    if (queue?.drawnEarly && list && counts) {
      await drawEarlyQueue(me, queue, peekEarly(list), peekEarly(counts), startApp);
    }
  })
  .catch(() => undefined)
  .finally(startApp);

// The app's first script, a few kilobytes (no React, no Ant Design). While the app's libraries
// still download and run (on a phone's link, one to three seconds) it asks who is signed in and
// what their home page will show first — beside that question when the last visit left the
// answer (api/early.ts), after it otherwise — and draws that first screen itself, a phone's cards
// or a desk's table (early/queueView.ts). The app's first reads of the same addresses take these answers.
// index.html loads it before the app.
import { fetchEarly, lastHomeReads, peekEarly, rememberHomeReads } from './api/early';
import type { Me } from './api/types';
import { drawEarlyQueue } from './early/queueView';
import { openingQueue, queueReads } from './features/workbench/queues';

const atHome = window.location.pathname === '/' && !window.location.search;
const guessed = atHome ? lastHomeReads() : [];
for (const url of guessed) fetchEarly(url);

fetchEarly('/api/auth/me')
  .then((r) => (r.ok ? (r.clone().json() as Promise<Me>) : null))
  .then((me) => {
    if (!me) return;
    const queue = openingQueue(me, window.location);
    const reads = queue ? queueReads(queue) : [];
    for (const url of reads) if (!guessed.includes(url)) fetchEarly(url);
    if (atHome) rememberHomeReads(reads);
    const [list, counts] = reads;
    if (queue?.drawnEarly && list && counts) {
      void drawEarlyQueue(me, queue, peekEarly(list), peekEarly(counts));
    }
  })
  .catch(() => undefined);

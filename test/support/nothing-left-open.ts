import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll } from 'vitest';

/**
 * The test files of a worker share one process (vitest.config.ts, `isolate: false`), so a file
 * that leaves a connection, a server or a child process open hands it to the files after it.
 * After each file, this fails the file that did, naming what is still open. Closing is
 * asynchronous (a pool's sockets end a moment after `close()` resolves), so it waits a little.
 */
const HELD = new Set(['TCPSocketWrap', 'TCPServerWrap', 'ProcessWrap', 'FSEventWrap', 'UDPWrap']);
const PATIENCE_MS = 5_000;

afterAll(async () => {
  for (let waited = 0; ; waited += 50) {
    const open = process.getActiveResourcesInfo().filter((r) => HELD.has(r));
    if (open.length === 0) return;
    if (waited >= PATIENCE_MS)
      throw new Error(`this test file left open: ${open.join(', ')}; close what it opened in afterAll`);
    await sleep(50);
  }
});

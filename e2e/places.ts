import { fileURLToPath } from 'node:url';

/**
 * Where the browser tests' servers listen and keep their databases. Each Playwright worker has a
 * server and a fresh demo county of its own: tests count things (a queue's 待办, the bell's
 * notices, a dashboard's figures), and two tests at once in one county would count each other's
 * orders. Read by the config (which starts the servers), by `test` (each test's baseURL) and by the
 * helpers that change the database directly.
 */

/** Set to run against a server that is already running (one worker, that server's database). */
export const EXTERNAL_BASE_URL = process.env.E2E_BASE_URL;

/**
 * Two on the two cores these tests run on: the browser and the server each wait on the other, so
 * two at once keep both cores busy (11.2 min in one worker, 6.9 in two). E2E_WORKERS changes it.
 */
export const BROWSER_WORKERS = EXTERNAL_BASE_URL ? 1 : Number(process.env.E2E_WORKERS ?? 2);

const FIRST_PORT = Number(process.env.E2E_PORT ?? 8181);

export interface ServerPlace {
  port: number;
  baseURL: string;
  /** Relative to the project's root, as the server is started there. */
  database: string;
}

export function serverPlace(worker: number): ServerPlace {
  const port = FIRST_PORT + worker;
  return {
    port,
    baseURL: EXTERNAL_BASE_URL ?? `http://localhost:${port}`,
    database: `data/e2e-playwright${worker === 0 ? '' : `-${worker + 1}`}.db`,
  };
}

/**
 * The database of this worker's server, for a test that moves a stored instant (the server keeps
 * no test clock). Playwright numbers its workers 0 … workers−1 in TEST_PARALLEL_INDEX, and a
 * worker started again after a failure keeps its number.
 */
export function workerDatabase(): string {
  const worker = Number(process.env.TEST_PARALLEL_INDEX ?? 0);
  return fileURLToPath(new URL(`../${serverPlace(worker).database}`, import.meta.url));
}

/** The server's entry as JavaScript, built by buildServerIfStale (see server-build.mjs). */
export const SERVER_JS: string;
/** The benchmark's server (bench/load/app-server.ts) as JavaScript. */
export const BENCH_SERVER_JS: string;
/** Builds dist/js when it is missing or older than a source; false when the build failed. */
export function buildServerIfStale(): Promise<boolean>;
/** As buildServerIfStale, but a failed build throws (the benchmark's servers). */
export function buildServerOrThrow(): Promise<void>;

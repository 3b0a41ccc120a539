// How the server's Node process runs: `npm start` and the benchmark's server use the same settings
// (docs/operations.md「服务器内存」, docs/performance.md).
//
// The server's live heap after a full collection is ~45–70 MiB and steady; under a workflow load V8
// let the old generation fill with per-request garbage to about four times that before collecting
// (heap 70 → 275 MiB, RSS 550–580 MiB). A growth factor of 1.5 collects sooner, at no CPU cost per
// action measurable in the bench. glibc gives each thread that allocates at once an arena of its
// own (up to 8 per core: V8's compiler and GC threads) and keeps their freed memory; two are enough.
export const SERVER_NODE_FLAGS = ['--heap-growing-percent=50'];
export const SERVER_ENV = { MALLOC_ARENA_MAX: '2' };

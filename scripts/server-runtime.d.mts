/** Node flags for the server process (see server-runtime.mjs). */
export const SERVER_NODE_FLAGS: string[];
/** Environment for the server process, below the operator's own. */
export const SERVER_ENV: Record<string, string>;

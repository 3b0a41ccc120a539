/** Builds the web app when web/dist is missing or older than its sources; false when that build failed. */
export function buildWebIfStale(): boolean;

import { countsQuery, listPageQuery } from '../web/src/api/order-queries.js';
import { HOME_QUEUES, type QueueTab } from '../web/src/features/workbench/queues.js';

/**
 * The home pages as the web app asks for them: each tab's first page and the one request for all
 * the tabs' counts, built from the app's own tab definitions (web/src/features/workbench/queues.ts)
 * so that the bench measures the queries people's pages send, not a stand-in. A unit's page is its
 * main leader's (待阅批 and 待签发 ahead of the liaisons' tabs); the office's are the dispatcher's, the reviewer's and the
 * supervision office's.
 */
/** One read as the bench sends it: a GET, or a POST with `body`. */
export type Call = { cookie: string; path: string; body?: unknown };
/** Measures a named read over these calls, one at a time (reads.ts). */
export type Measure = (name: string, detail: string, calls: Call[]) => Promise<void>;

const address = (path: string, query: object) => {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (typeof v === 'string') search.set(k, v);
  return `${path}?${search}`;
};

const firstPage = (tab: QueueTab) => address('/api/work-orders', listPageQuery(tab.query));
const counts = (tabs: QueueTab[]) =>
  address('/api/work-orders/counts', countsQuery(tabs.map((t) => t.query)));

/** The office's homes and who opens them: the dispatcher's, the reviewer's, the supervision office's. */
export const OFFICE_HOMES = [
  ['dispatcher', 'dispatcher'],
  ['reviewer', 'reviewer'],
  ['supervision', 'supervisor'],
] as const;

export async function homeReads(
  units: Array<{ name: string; cookie: string }>,
  /** Each office home with its user and that user's session cookie. */
  offices: Array<readonly [(typeof OFFICE_HOMES)[number][0], string, string]>,
  measure: Measure,
): Promise<void> {
  const unitTabs = HOME_QUEUES.mainLeader.tabs;
  const names = units.map((u) => u.name).join('、');
  await measure(
    "unit home: the tabs' counts (one request)",
    `${unitTabs.length} counts (${unitTabs.map((t) => t.label).join('、')}); ${names}`,
    units.map((u) => ({ cookie: u.cookie, path: counts(unitTabs) })),
  );
  for (const tab of unitTabs) {
    await measure(
      `  unit queue, tab ${tab.key}`,
      `${tab.label}: first page of 20, ${names}`,
      units.map((u) => ({ cookie: u.cookie, path: firstPage(tab) })),
    );
  }
  for (const [home, user, cookie] of offices) {
    const tabs = HOME_QUEUES[home].tabs;
    await measure(
      `${home} home: the tabs' counts (one request)`,
      `${tabs.length} counts (${tabs.map((t) => t.label).join('、')}); ${user}`,
      [{ cookie, path: counts(tabs) }],
    );
    await measure(
      `${home} queue, each tab`,
      `first page of 20 of each of the ${tabs.length} tabs`,
      tabs.map((tab) => ({ cookie, path: firstPage(tab) })),
    );
  }
}

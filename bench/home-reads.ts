import { countsQuery, listPageQuery } from '../web/src/api/order-queries.js';
import { HOME_QUEUES, type QueueTab } from '../web/src/features/workbench/queues.js';

/**
 * The home pages as the web app asks for them: each tab's first page and the one request for all
 * the tabs' counts, built from the app's own tab definitions (web/src/features/workbench/queues.ts)
 * so that the bench measures the queries people's pages send, not a stand-in. A unit's page is its
 * main leader's (待阅批 and 待签发 ahead of the liaisons' tabs); the office's is the dispatcher's.
 */
type Call = { cookie: string; path: string };
type Measure = (name: string, detail: string, calls: Call[]) => Promise<void>;

const address = (path: string, query: object) => {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (typeof v === 'string') search.set(k, v);
  return `${path}?${search}`;
};

const firstPage = (tab: QueueTab) => address('/api/work-orders', listPageQuery(tab.query));
const counts = (tabs: QueueTab[]) =>
  address('/api/work-orders/counts', countsQuery(tabs.map((t) => t.query)));

export async function homeReads(
  units: Array<{ name: string; cookie: string }>,
  office: string,
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
  const officeTabs = HOME_QUEUES.dispatcher.tabs;
  await measure(
    "office home: the tabs' counts (one request)",
    `${officeTabs.length} counts (${officeTabs.map((t) => t.label).join('、')}); the dispatcher`,
    [{ cookie: office, path: counts(officeTabs) }],
  );
  await measure(
    'office queue, each tab',
    `first page of 20 of each of the dispatcher's ${officeTabs.length} tabs`,
    officeTabs.map((tab) => ({ cookie: office, path: firstPage(tab) })),
  );
}

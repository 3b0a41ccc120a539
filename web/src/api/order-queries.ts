import type { OrderQuery } from './types';

// What the lists and their counts ask the server, built in one place: the start-up script
// (web/src/early.ts) asks the home page's first list before the app has loaded, and the app's
// read takes that answer only if it asks for the same address, to the letter.

/** The query a list asks for: the filters in the address, those the page fixes, 20 a page. */
export const listPageQuery = (fixed: OrderQuery, urlQuery: OrderQuery = {}): OrderQuery => ({
  pageSize: '20',
  ...urlQuery,
  ...fixed,
});

/** The counts endpoint's query for these lists. */
export const countsQuery = (queries: OrderQuery[]) => ({ queries: JSON.stringify(queries) });

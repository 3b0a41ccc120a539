import { lazy } from 'react';

/**
 * Ant Design's Result (the 403 and 404 pages), loaded only when a page shows one: its
 * illustrations are drawings in code, as large as a whole page, that no first screen needs.
 */
export const Result = lazy(() => import('antd/es/result'));

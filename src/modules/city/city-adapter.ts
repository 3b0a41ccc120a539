import type { CityResult } from '../../domain/city-link.js';

/**
 * Everything Huiyin needs from a city platform, whatever its format: send one result, read the
 * order list after a cursor (for cities that do not push), read the status of every order (for
 * the reconciliation). One adapter per format; the generic JSON one is configured by the admin.
 */
export interface CityAdapter {
  deliver(result: CityResult): Promise<void>;
  fetchOrders(cursor: string | null): Promise<{ orders: unknown[]; cursor: string | null }>;
  fetchStatuses(): Promise<{ cityOrderNo: string; status: string }[]>;
}

/** A failure the city will repeat if asked again (a 4xx other than timeouts and rate limits): no point retrying. */
export class PermanentCityError extends Error {}

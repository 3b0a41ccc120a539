import type { WorkingCalendar } from '../../src/domain/calendar.js';
import type { Actor } from '../../src/domain/roles.js';
import type { TimeLimitSettings } from '../../src/domain/time-limits.js';
import type { DemoOrder } from '../../src/setup/seed/demo-county.js';
import type { Rng } from './rng.js';

// What the simulation of every order shares: the county's people and units, the calendar, the
// ids handed out so far and the running tallies.

/** Who an event is written by: a person, or the city platform's API client (no user account). */
export type Author = Pick<Actor, 'unitId' | 'name'> & { userId: number | null };

export interface Org {
  dispatchers: Actor[];
  reviewers: Actor[];
  city: Author;
  /** Liaisons (unit roles) of each handling unit. */
  liaisons: Map<number, Actor[]>;
  /** Who signs off a unit's replies (leader in charge, main leader), and who reads urgent orders (main leader). */
  leaders: Map<number, Actor[]>;
  mainLeaders: Map<number, Actor[]>;
  /** Units whose replies carry a typed issuer and the signed scan (their leaders have no accounts). */
  typedSignOff: Set<number>;
  unitByCode: Map<string, number>;
  handlingUnitIds: number[];
  townships: Array<{ id: number; name: string }>;
  categoryIds: Map<string, number>;
}

export interface GenContext {
  rng: Rng;
  calendar: WorkingCalendar;
  settings: TimeLimitSettings;
  /** The data set's present: no action happens after it. */
  now: Date;
  org: Org;
  templates: DemoOrder[];
  ids: { unit: number; event: number; attachment: number };
  /** Recent orders that are not voided, as merge targets. */
  mergeTargets: { id: number; code: string }[];
  stats: {
    refusals: number;
    refusalCodes: Map<string, number>;
    /** The first refusal of each code: the command and why (what to mend when the rules move). */
    refusalExamples: Map<string, string>;
    events: number;
    byState: Map<string, number>;
  };
}

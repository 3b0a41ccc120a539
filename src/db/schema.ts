import type { ApiClientTables } from './schema-api-clients.js';
import type { AuditTables } from './schema-audit.js';
import type { CityTables } from './schema-city.js';
import type { FiguresTables } from './schema-figures.js';
import type { DailyFigureTables } from './schema-figures-daily.js';
import type { KnowledgeTables } from './schema-knowledge.js';
import type { NotificationTables } from './schema-notifications.js';
import type { PeopleTables } from './schema-people.js';
import type { ReferenceTables } from './schema-reference.js';
import type { SavedViewTables } from './schema-saved-views.js';
import type { SupervisionTables } from './schema-supervision.js';
import type { UrgeBulletinTables } from './schema-urges-bulletins.js';
import type { WorkOrderTables } from './schema-work-orders.js';

export type * from './schema-api-clients.js';
export type * from './schema-audit.js';
export type * from './schema-city.js';
export type * from './schema-figures.js';
export type * from './schema-figures-daily.js';
export type * from './schema-knowledge.js';
export type * from './schema-notifications.js';
export type * from './schema-people.js';
export type * from './schema-reference.js';
export type * from './schema-saved-views.js';
export type * from './schema-supervision.js';
export type * from './schema-urges-bulletins.js';
export type * from './schema-work-orders.js';

/**
 * The database, typed. Portable representations, so the same queries run on SQLite and
 * PostgreSQL: instants are ISO 8601 UTC strings with milliseconds (fixed width, so they sort
 * and compare as text), calendar dates are `YYYY-MM-DD`, booleans are 0/1 integers and
 * structured values are JSON text.
 *
 * Each area keeps its tables in its own schema-*.ts file; a new area adds one line below.
 */
export interface Database
  extends PeopleTables,
    ReferenceTables,
    SavedViewTables,
    WorkOrderTables,
    AuditTables,
    NotificationTables,
    UrgeBulletinTables,
    CityTables,
    ApiClientTables,
    KnowledgeTables,
    DailyFigureTables,
    FiguresTables,
    SupervisionTables {}

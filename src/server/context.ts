import type { Config } from '../config.js';
import type { Db } from '../db/connection.js';
import type { JobRounds } from '../jobs/job-rounds.js';
import type { DispatchAssistant } from '../modules/assistant/dispatch-assistant.service.js';
import type { AuditTrail } from '../modules/audit/audit.service.js';
import type { CalendarService } from '../modules/calendar/calendar.service.js';
import type { OutboundHttp } from '../modules/outbound/outbound-http.js';
import type { SettingsService } from '../modules/settings/settings.service.js';
import type { Clock } from './clock.js';

/** The application's services, built once in buildApp and reached from every route. */
export interface AppContext {
  db: Db;
  /** The environment's settings, parsed once at start. */
  config: Config;
  clock: Clock;
  calendar: CalendarService;
  settings: SettingsService;
  /** The tamper-evident audit log: `ctx.audit.record(trx, { ...who(request), action, … })`. */
  audit: AuditTrail;
  /** The dispatch suggestions' model, held in memory and retrained in the background. */
  assistant: DispatchAssistant;
  /** Where uploaded attachments are stored. */
  uploadsDir: string;
  /**
   * How the server calls out (webhooks, the city platform): never to an address it may not call,
   * checked at every connection (OUTBOUND_ALLOWED_NETWORKS permits some anyway).
   */
  outbound: OutboundHttp;
  /** The background jobs' rounds in this process (jobs/scheduler.ts), shown by the health check. */
  jobs: JobRounds;
}

import { shanghaiDate } from '../domain/time.js';
import { CityLinkService } from '../modules/city/city-link.service.js';
import type { AppContext } from '../server/context.js';
import type { CityOrderPoller } from './city-poller.js';

/** The reconciliation runs once a Beijing day, after this hour (the city's night). */
const DAILY_AFTER_HOUR = 2;

/**
 * The city link's timed work besides delivery: the order-list poll at the administrator's
 * interval, and the daily reconciliation (its run key is unique per day, so among several
 * processes only the first runs it).
 */
export class CitySync {
  private lastDaily: string | null = null;
  private readonly service: CityLinkService;

  constructor(
    private readonly ctx: AppContext,
    private readonly poller: CityOrderPoller,
  ) {
    this.service = new CityLinkService(ctx);
  }

  async tick(): Promise<void> {
    await this.poller.pollIfDue();
    const now = this.ctx.clock.now();
    const day = shanghaiDate(now);
    const hour = Number(
      new Intl.DateTimeFormat('en-GB', {
        hour: '2-digit',
        hourCycle: 'h23',
        timeZone: 'Asia/Shanghai',
      }).format(now),
    );
    if (this.lastDaily !== day && hour >= DAILY_AFTER_HOUR) {
      this.lastDaily = day;
      await this.service.reconcileDaily();
    }
  }
}

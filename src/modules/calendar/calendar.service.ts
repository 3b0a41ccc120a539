import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { CalendarRepository, PROVISIONAL } from '../../db/repositories/calendar.repository.js';
import type { Database } from '../../db/schema.js';
import {
  type CalendarDay,
  type DayKind,
  isWorkingKind,
  ordinaryKind,
  WorkingCalendar,
} from '../../domain/calendar.js';
import { buildYear, missingStatutoryDays, type YearArrangement } from '../../domain/calendar-year.js';
import { refuse } from '../../domain/refusal.js';
import { isIsoDate, shanghaiDate, yearOf } from '../../domain/time.js';
import type { Clock } from '../../server/clock.js';
import type { AuditTrail, AuditWho } from '../audit/audit.service.js';
import { packagedArrangement, SEEDED_YEARS } from './holiday-seed.js';
import { statutoryArrangement } from './statutory-days.js';

/**
 * How long this process keeps the calendar it read. An edit here drops it at once; on PostgreSQL
 * an edit anywhere does, through the change bus (`settings_changed` with CALENDAR_CHANGED).
 */
const CACHE_MS = 30_000;
/** The key the change bus names the calendar by (migration settings-001). */
export const CALENDAR_CHANGED = 'calendar';

export class CalendarService {
  private readonly repo: CalendarRepository;
  private cached: { calendar: WorkingCalendar; stamp: string; loadedAt: number } | null = null;

  constructor(
    db: Kysely<Database>,
    private readonly clock: Clock,
    /** Where administrators' edits are recorded (the seeding at start-up records nothing). */
    private readonly audit?: AuditTrail,
  ) {
    this.repo = new CalendarRepository(db);
  }

  async calendar(): Promise<WorkingCalendar> {
    return (await this.current()).calendar;
  }

  /**
   * The calendar with a stamp of what it holds: equal stamps, equal calendars (a page stored
   * with one is still right while the stamp is the same, though the calendar is read again).
   */
  async current(): Promise<{ calendar: WorkingCalendar; stamp: string }> {
    const now = Date.now();
    if (this.cached && now - this.cached.loadedAt < CACHE_MS) return this.cached;
    const years = await this.repo.years();
    // Only the exceptions are needed in memory; ordinary days follow the weekday rule.
    const days = (await this.repo.days()).filter(
      (d) => d.kind === 'holiday' || d.kind === 'makeup' || isOverride(d),
    );
    const calendar = new WorkingCalendar(
      years.map((y) => y.year),
      days,
    );
    const stamp = createHash('sha256')
      .update(JSON.stringify([years.map((y) => y.year), days]))
      .digest('base64url');
    this.cached = { calendar, stamp, loadedAt: now };
    return this.cached;
  }

  invalidate(): void {
    this.cached = null;
  }

  years() {
    return this.repo.years();
  }

  async year(year: number): Promise<CalendarDay[]> {
    const held = (await this.repo.years()).some((y) => y.year === year);
    if (!held) refuse('not_found', 'CALENDAR_YEAR_MISSING', `工作日历中没有 ${year} 年的数据。`);
    return this.repo.days(`${year}-01-01`, `${year}-12-31`);
  }

  /**
   * Replaces a year. An arrangement the office imports (`source` 'imported') must give off every day
   * the law fixes: one that does not is refused, naming the festivals it lacks (CALENDAR_INCOMPLETE).
   */
  async importYear(
    year: number,
    arrangement: YearArrangement,
    source: string,
    who?: AuditWho,
  ): Promise<number> {
    const days = buildYear(year, arrangement);
    if (source === 'imported') {
      const missing = missingStatutoryDays(year, arrangement, statutoryArrangement(year));
      if (missing.length > 0) {
        const festivals = [...new Set(missing.map((d) => d.name))];
        refuse(
          'invalid',
          'CALENDAR_INCOMPLETE',
          `导入的安排缺少法定节假日：${festivals.join('、')}（${missing.map((d) => d.date.slice(5)).join('、')} 未设为放假）。国务院的放假通知总包含这些日子，请核对是否只粘贴了一部分；未导入，原有安排不变。`,
          { missing },
        );
      }
    }
    const before = who ? await this.repo.days(`${year}-01-01`, `${year}-12-31`) : [];
    await this.repo.replaceYear(year, days, source, this.clock.now(), async (trx) => {
      if (!who || !this.audit) return;
      await this.audit.record(trx, {
        ...who,
        action: 'calendar.changed',
        target: `calendar:${year}`,
        detail: source === PROVISIONAL ? `生成 ${year} 年暂定安排（法定节日）` : `导入 ${year} 年节假日安排`,
        before: exceptions(before),
        after: exceptions(days),
      });
    });
    this.invalidate();
    return days.length;
  }

  /** Switches one day on or off; its kind follows from the weekday (a working Saturday is 调休). */
  async setDay(date: string, working: boolean, name: string | null, who?: AuditWho): Promise<CalendarDay> {
    if (!isIsoDate(date))
      refuse('invalid', 'CALENDAR_DATE_INVALID', `日期 ${date} 无效，格式应为 YYYY-MM-DD。`);
    const held = (await this.repo.years()).some((y) => y.year === yearOf(date));
    if (!held) {
      refuse(
        'rule',
        'CALENDAR_YEAR_MISSING',
        `工作日历中没有 ${yearOf(date)} 年的数据，请先导入该年的节假日安排。`,
      );
    }
    const weekend = ordinaryKind(date) === 'weekend';
    const kind: DayKind = working ? (weekend ? 'makeup' : 'workday') : weekend ? 'weekend' : 'holiday';
    const named = kind === 'holiday' || kind === 'makeup' ? name : null;
    const after = { date, kind, name: named };
    const [before] = await this.repo.days(date, date);
    await this.repo.setDay(after, this.clock.now(), async (trx) => {
      if (!who || !this.audit) return;
      await this.audit.record(trx, {
        ...who,
        action: 'calendar.changed',
        target: `calendar:${date}`,
        detail: working ? `${date} 改为上班` : `${date} 改为休息`,
        before,
        after,
      });
    });
    this.invalidate();
    return after;
  }

  /** Years the deadlines will soon need but the calendar lacks: this year and, from November, the next. */
  async missingYears(): Promise<number[]> {
    const held = new Set((await this.repo.years()).map((y) => y.year));
    return this.neededYears().filter((y) => !held.has(y));
  }

  /** Years the deadlines will soon need that hold only the statutory days (暂定), awaiting the notice. */
  async provisionalYears(): Promise<number[]> {
    const provisional = new Set(
      (await this.repo.years()).filter((y) => y.source === PROVISIONAL).map((y) => y.year),
    );
    return this.neededYears().filter((y) => provisional.has(y));
  }

  private neededYears(): number[] {
    const today = shanghaiDate(this.clock.now());
    const thisYear = yearOf(today);
    return Number(today.slice(5, 7)) >= 11 ? [thisYear, thisYear + 1] : [thisYear];
  }

  /**
   * A year built from the days the law fixes, marked provisional (暂定): the office keeps
   * dispatching at year end while the State Council's notice is awaited, and the warnings stay
   * until the notice's arrangement is imported. Never over a year that holds an arrangement.
   */
  async provisionalYear(year: number, who?: AuditWho): Promise<number> {
    const held = (await this.repo.years()).find((y) => y.year === year);
    if (held && held.source !== PROVISIONAL)
      refuse(
        'rule',
        'CALENDAR_YEAR_HELD',
        `工作日历中已有 ${year} 年的安排，不能改为暂定安排；如需更正，请导入国务院公布的安排或逐日修改。`,
      );
    return this.importYear(year, statutoryArrangement(year), PROVISIONAL, who);
  }

  /** The provisional arrangement for each of `years` the calendar does not hold (none replaced). */
  async provisionMissing(years: readonly number[]): Promise<void> {
    const held = new Set((await this.repo.years()).map((y) => y.year));
    for (const year of new Set(years)) if (!held.has(year)) await this.provisionalYear(year);
  }

  /** Seeds the years the holiday package holds, on a fresh database. */
  async seedPackagedYears(): Promise<void> {
    const held = new Set((await this.repo.years()).map((y) => y.year));
    for (const year of SEEDED_YEARS) {
      const arrangement = packagedArrangement(year);
      if (!held.has(year) && arrangement) await this.importYear(year, arrangement, 'chinese-days');
    }
  }
}

/** An administrator may turn an ordinary weekday off or a weekend on; keep such edits. */
function isOverride(day: CalendarDay): boolean {
  return ordinaryKind(day.date) === 'weekend' ? isWorkingKind(day.kind) : !isWorkingKind(day.kind);
}

/** A year's holidays and 调休 days: what an auditor compares (ordinary days follow the weekday). */
const exceptions = (days: CalendarDay[]) =>
  days
    .filter((d) => d.kind === 'holiday' || d.kind === 'makeup')
    .map((d) => `${d.date} ${d.kind} ${d.name ?? ''}`);

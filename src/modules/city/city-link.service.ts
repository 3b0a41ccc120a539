import { randomUUID } from 'node:crypto';
import {
  CityOutboxRepository,
  type DeadLetter,
  type RetryingResult,
} from '../../db/repositories/city-outbox.repository.js';
import { CityPollRepository, type PollRun } from '../../db/repositories/city-poll.repository.js';
import {
  CityRefusedRepository,
  type RefusedCityOrder,
} from '../../db/repositories/city-refused.repository.js';
import { CitySyncRepository, type ReconciliationReport } from '../../db/repositories/city-sync.repository.js';
import { newServersForKey, reconcile } from '../../domain/city-link.js';
import { ORDERS_CURSOR } from '../../domain/city-poll.js';
import { checkOutboundUrls } from '../../domain/outbound-address.js';
import { refuse } from '../../domain/refusal.js';
import { shanghaiDate } from '../../domain/time.js';
import type { OrderState } from '../../domain/workflow/index.js';
import type { AppContext } from '../../server/context.js';
import type { AuditWho } from '../audit/audit.service.js';
import { patchedSettings, type SettingsPatch } from '../settings/settings-patch.js';
import type { CityAdapter } from './city-adapter.js';
import {
  type CityLinkSettings,
  type CityLinkSettingsInput,
  cityLinkSettingsInput,
} from './city-link.settings.js';
import { jsonCityAdapter } from './json-adapter.js';

export interface CityLinkView {
  settings: (Omit<CityLinkSettings, 'key'> & { keySet: boolean }) | null;
  poll: PollHealth;
}

/** How the pulls of the city's order list have gone lately (domain/city-poll.ts). */
export interface PollHealth {
  /** Whether the settings ask for polls: the link enabled, a list address and an interval. */
  configured: boolean;
  everySeconds: number | null;
  /** When a page of the list was last read (by any process). */
  lastReadAt: string | null;
  /** The latest runs of polls with one outcome and reason, the latest first. */
  runs: PollRun[];
}

export interface OutboxView {
  counts: { pending: number; sending: number; sent: number; dead: number };
  deadLetters: DeadLetter[];
  retrying: RetryingResult[];
  refusedOrders: RefusedCityOrder[];
  poll: PollHealth;
}

const notConfigured = () =>
  refuse(
    'rule',
    'CITY_LINK_NOT_CONFIGURED',
    '尚未设置市平台对接，请系统管理员先在「市平台对接」中填写地址和密钥。',
  );

/** The office's and the administrator's use cases of the city link. */
export class CityLinkService {
  constructor(
    private readonly ctx: AppContext,
    private readonly adapterFor: (s: CityLinkSettings) => CityAdapter = (s) =>
      jsonCityAdapter(s, ctx.outbound),
  ) {}

  async view(): Promise<CityLinkView> {
    const s = await this.ctx.settings.cityLink();
    const poll = await this.pollHealth(s);
    if (!s) return { settings: null, poll };
    const { key, ...rest } = s;
    return { settings: { ...rest, keySet: key.length > 0 }, poll };
  }

  private async pollHealth(s: CityLinkSettings | null): Promise<PollHealth> {
    const db = this.ctx.db.kysely;
    return {
      configured: Boolean(s?.enabled && s.ordersUrl && s.pollEverySeconds),
      everySeconds: s?.pollEverySeconds ?? null,
      lastReadAt: (await new CitySyncRepository(db).cursor(ORDERS_CURSOR))?.polledAt ?? null,
      runs: await new CityPollRepository(db).recent(),
    };
  }

  /**
   * Saves the fields sent over the stored ones (settings-patch.ts), checked whole by their schema;
   * a blank key keeps the stored one, so the form never shows it, but only for the servers the key
   * already went to.
   */
  async save(sent: SettingsPatch<CityLinkSettingsInput>, who: AuditWho): Promise<CityLinkView> {
    const stored = await this.ctx.settings.cityLink();
    const { key: _stored, ...before } = stored ?? { key: '' };
    const input = patchedSettings(cityLinkSettingsInput, stored ? before : null, sent);
    // A host written as an IP address Huiyin may not call is refused now; a name, at every call.
    checkOutboundUrls(
      [
        { label: '结果回传', url: input.resultsUrl },
        { label: '工单列表', url: input.ordersUrl },
        { label: '工单状态', url: input.statusesUrl },
      ],
      this.ctx.config.OUTBOUND_ALLOWED_NETWORKS,
    );
    const typed = input.key?.trim();
    if (!typed && stored?.key) {
      const servers = newServersForKey(
        [input.resultsUrl, input.ordersUrl, input.statusesUrl],
        [stored.resultsUrl, stored.ordersUrl, stored.statusesUrl],
      );
      if (servers.length > 0)
        refuse(
          'invalid',
          'CITY_KEY_REQUIRED',
          `地址改到了另一台服务器（${servers.join('、')}），须重新填写接口密钥，以免把原密钥发给新的服务器。`,
          { servers },
        );
    }
    const key = typed || stored?.key;
    if (!key) refuse('invalid', 'CITY_KEY_REQUIRED', '请填写市平台分配的接口密钥。');
    await this.ctx.db.kysely.transaction().execute(async (trx) => {
      await this.ctx.settings.setCityLink({ ...input, key }, trx);
      await this.ctx.audit.record(trx, {
        ...who,
        action: 'setting.changed',
        target: 'setting:city_link',
        before: stored ? before : null,
        after: { ...input, key: input.key ? '（已更换）' : '（未变）' },
      });
    });
    return this.view();
  }

  async outbox(): Promise<OutboxView> {
    const repo = new CityOutboxRepository(this.ctx.db.kysely);
    const c = await repo.countsByStatus();
    return {
      counts: { pending: c.pending ?? 0, sending: c.sending ?? 0, sent: c.sent ?? 0, dead: c.dead ?? 0 },
      deadLetters: await repo.deadLetters(),
      retrying: await repo.retrying(),
      refusedOrders: await new CityRefusedRepository(this.ctx.db.kysely).open(),
      poll: await this.pollHealth(await this.ctx.settings.cityLink()),
    };
  }

  /** The office has registered a refused city order by hand, or settled it with the city. */
  async resolveRefused(id: number, by: string): Promise<void> {
    const done = await new CityRefusedRepository(this.ctx.db.kysely).resolve(
      id,
      by,
      this.ctx.clock.now().toISOString(),
    );
    if (!done) refuse('not_found', 'REFUSED_ORDER_NOT_FOUND', '这件未能登记的市平台工单不存在，或已经处理。');
  }

  /** Puts one dead letter (or all) back in the queue; the worker sends it on its next round. */
  async resend(id: number | null): Promise<{ requeued: number }> {
    const requeued = await new CityOutboxRepository(this.ctx.db.kysely).resend(
      id,
      this.ctx.clock.now().toISOString(),
    );
    if (id !== null && requeued === 0)
      refuse('not_found', 'DEAD_LETTER_NOT_FOUND', '这条失败记录不存在，或已经重新发送。');
    return { requeued };
  }

  /** Compares the city's statuses with Huiyin's now, on demand. */
  async reconcileNow(userId: number): Promise<ReconciliationReport> {
    const report = await this.reconcile(`manual:${randomUUID()}`, userId);
    return report as ReconciliationReport;
  }

  /** The daily run: once per Beijing day, whichever process gets there first. */
  async reconcileDaily(): Promise<ReconciliationReport | null> {
    const s = await this.ctx.settings.cityLink();
    if (!s?.enabled || !s.statusesUrl) return null;
    return this.reconcile(`daily:${shanghaiDate(this.ctx.clock.now())}`, null);
  }

  async latestReconciliation(): Promise<ReconciliationReport | null> {
    return new CitySyncRepository(this.ctx.db.kysely).latestReconciliation();
  }

  private async reconcile(runKey: string, userId: number | null): Promise<ReconciliationReport | null> {
    const settings = (await this.ctx.settings.cityLink()) ?? notConfigured();
    if (!settings.statusesUrl)
      refuse('rule', 'CITY_STATUSES_URL_MISSING', '尚未设置市平台工单状态地址，无法对账。');
    const sync = new CitySyncRepository(this.ctx.db.kysely);
    const id = await sync.startReconciliation(runKey, this.ctx.clock.now().toISOString(), userId);
    if (id === null) return null;
    try {
      const city = await this.adapterFor(settings).fetchStatuses();
      const ours = await new CityOutboxRepository(this.ctx.db.kysely).cityOrders();
      const items = reconcile(
        city,
        ours.map((o) => ({ ...o, state: o.state as OrderState })),
      );
      await sync.finishReconciliation(id, this.ctx.clock.now().toISOString(), {
        items,
        compared: new Set([...city.map((c) => c.cityOrderNo), ...ours.map((o) => o.cityOrderNo)]).size,
      });
    } catch (e) {
      await sync.finishReconciliation(id, this.ctx.clock.now().toISOString(), {
        error: e instanceof Error ? e.message : String(e),
      });
    }
    return sync.reconciliation(id);
  }
}

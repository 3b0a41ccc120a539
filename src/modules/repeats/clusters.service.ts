import type { Transaction } from 'kysely';
import { RepeatRepository } from '../../db/repositories/repeat.repository.js';
import { UnitRepository } from '../../db/repositories/unit.repository.js';
import type { EventActor } from '../../db/repositories/work-order.repository.js';
import { WorkOrderRepository } from '../../db/repositories/work-order.repository.js';
import type { Database, WorkOrderRow } from '../../db/schema.js';
import {
  CLUSTER_TYPES,
  type ClusterCandidate,
  type ClusterSettings,
  clusterMates,
  clusterPlace,
  decideCluster,
} from '../../domain/clusters.js';
import { Notifier } from '../notifications/notifier.js';
import type { SettingsService } from '../settings/settings.service.js';

/**
 * Clusters of similar complaints (issue 12, item 7): checked as each order is registered, in
 * its transaction. The order joins its mates' cluster, or raises a new one — and the office is
 * told once, with the cluster's first orders.
 */
export class ClusterService {
  private readonly notifier: Notifier;

  constructor(private readonly settings: SettingsService) {
    this.notifier = new Notifier(settings);
  }

  /** The cluster rules as the transaction sees them (read before the registration takes its number). */
  async settingsIn(trx: Transaction<Database>): Promise<ClusterSettings> {
    return (await this.settings.assistant(trx)).clusters;
  }

  async onRegistered(
    trx: Transaction<Database>,
    order: WorkOrderRow,
    actor: EventActor,
    now: Date,
    settings: ClusterSettings,
  ) {
    const probe: ClusterCandidate = {
      id: order.id,
      type: order.type,
      phone: order.citizen_phone,
      placeKey: order.place_key,
      townshipUnitId: order.township_unit_id,
      text: order.repeat_text,
      createdAt: order.created_at,
      clusterId: null,
    };
    // A consultation or a suggestion never joins a cluster, so nothing needs reading for it.
    if (!CLUSTER_TYPES.includes(probe.type)) return;
    if (probe.townshipUnitId === null && probe.placeKey === '') return;
    const repo = new RepeatRepository(trx);
    const since = new Date(now.getTime() - settings.windowHours * 3_600_000).toISOString();
    const recent = await repo.clusterCandidates(probe, CLUSTER_TYPES, since);
    const mates = clusterMates(probe, recent, settings);
    const decision = decideCluster(probe, mates, settings);
    if (decision.kind === 'none') return;
    if (decision.kind === 'join') {
      await repo.joinCluster(decision.clusterId, [order.id], now.toISOString());
      return;
    }
    const township = order.township_unit_id
      ? await new UnitRepository(trx).find(order.township_unit_id)
      : undefined;
    const place = clusterPlace({ ...probe, address: order.citizen_address }, mates, township?.name ?? null);
    const clusterId = await repo.createCluster({
      townshipUnitId: order.township_unit_id,
      place,
      firstOrderId: Math.min(...decision.memberIds),
      orderCount: 0,
      at: now.toISOString(),
    });
    await repo.joinCluster(clusterId, decision.memberIds, now.toISOString());
    const count = decision.memberIds.length;
    await new WorkOrderRepository(trx).addEvent(order.id, 'cluster_raised', actor, now, {
      clusterId,
      place,
      orderIds: decision.memberIds,
    });
    await this.notifier.send(
      trx,
      order.id,
      [
        {
          audience: { kind: 'role', role: 'dispatcher' },
          kind: 'cluster',
          title: `聚集性诉求提醒：${place}`,
          body: `${settings.windowHours} 小时内${place}已有 ${count} 件内容相近的诉求（最新：工单 ${order.code}「${order.title}」），可能是同一突发情况，请及时核实并统筹处置。`,
        },
      ],
      now,
    );
  }
}

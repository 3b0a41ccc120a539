import { phoneKey, type RepeatFacts } from './repeats.js';
import { similarityTo } from './text-similarity.js';

/**
 * Clusters (聚集性诉求): several similar complaints from one township or one place within a
 * short time — a burst pipe, a power cut, a smell — are one event on the ground. The office
 * is alerted once per cluster, as soon as the cluster reaches its threshold, so that it acts
 * before the tenth call.
 */
export interface ClusterSettings {
  /** Complaints within this many hours of each other may form a cluster. */
  windowHours: number;
  /** The alert goes out when the cluster reaches this many orders. */
  minOrders: number;
  /** Text similarity (0–1) from which two complaints in one township are "the same thing". */
  minSimilarity: number;
}

export const DEFAULT_CLUSTER_SETTINGS: ClusterSettings = {
  windowHours: 24,
  minOrders: 3,
  minSimilarity: 0.3,
};

/** Order types that report something happening on the ground. */
export const CLUSTER_TYPES: readonly string[] = ['complaint', 'help', 'report'];

export interface ClusterFacts extends RepeatFacts {
  clusterId: number | null;
}

/** What the cluster rules read of a recent order: who, where, when, what it says, its cluster. */
export type ClusterCandidate = Pick<
  ClusterFacts,
  'id' | 'type' | 'phone' | 'placeKey' | 'townshipUnitId' | 'text' | 'createdAt' | 'clusterId'
>;

/** The recent orders that belong to the same cluster as `probe` (not counting the probe). */
export function clusterMates<T extends ClusterCandidate>(
  probe: ClusterCandidate,
  recent: readonly T[],
  settings: ClusterSettings,
): T[] {
  if (!CLUSTER_TYPES.includes(probe.type)) return [];
  const similarity = similarityTo(probe.text);
  const end = Date.parse(probe.createdAt);
  const caller = phoneKey(probe.phone);
  return recent.filter((o) => {
    if (o.id === probe.id || !CLUSTER_TYPES.includes(o.type)) return false;
    // One caller calling again is a repeat, not a cluster: a cluster is several people.
    if (phoneKey(o.phone) === caller) return false;
    const gap = end - Date.parse(o.createdAt);
    if (gap < 0 || gap > settings.windowHours * 3_600_000) return false;
    const samePlace = probe.placeKey !== '' && probe.placeKey === o.placeKey;
    const sameTownship = probe.townshipUnitId !== null && probe.townshipUnitId === o.townshipUnitId;
    if (!samePlace && !sameTownship) return false;
    return similarity(o.text) >= settings.minSimilarity;
  });
}

export type ClusterDecision =
  | { kind: 'none' }
  | { kind: 'join'; clusterId: number }
  | { kind: 'raise'; memberIds: number[] };

/**
 * What the new order does to clusters: joins the cluster one of its mates already belongs to
 * (no second alert), raises a new cluster (one alert) when it and its mates reach the
 * threshold of distinct callers, or nothing yet.
 */
export function decideCluster(
  probe: ClusterCandidate,
  mates: readonly ClusterCandidate[],
  settings: ClusterSettings,
): ClusterDecision {
  const existing = mates.find((m) => m.clusterId !== null);
  if (existing?.clusterId) return { kind: 'join', clusterId: existing.clusterId };
  const callers = new Set([probe, ...mates].map((o) => phoneKey(o.phone)));
  if (callers.size >= settings.minOrders)
    return { kind: 'raise', memberIds: [...mates.map((m) => m.id), probe.id] };
  return { kind: 'none' };
}

/**
 * A short name for the alert: where it is happening. The address only when every member is at
 * that place; a cluster formed in a township by what its calls say is named by the township.
 */
export function clusterPlace(
  probe: Pick<ClusterCandidate, 'placeKey'> & { address: string },
  mates: ReadonlyArray<Pick<ClusterCandidate, 'placeKey'>>,
  townshipName: string | null,
): string {
  const onePlace = probe.placeKey !== '' && mates.every((m) => m.placeKey === probe.placeKey);
  return onePlace ? probe.address.trim() : (townshipName ?? '同一地点');
}

import type { CheckpointStatus } from '../../../../src/domain/supervision-records';
import { api } from '../../api/client';

export interface Visit {
  id: number;
  unitId: number;
  unitName: string;
  visitedAt: string;
  place: string;
  visitors: string;
  metWith: string;
  findings: string;
  requirements: string;
  dueOn: string | null;
  recordedByName: string;
  recordedAt: string;
}

export interface Tracking {
  id: number;
  unitId: number;
  unitName: string;
  reason: string;
  startedAt: string;
  startedByName: string;
  endedAt: string | null;
  endedByName: string | null;
  conclusion: string | null;
  checkpoints: Array<{ date: string; status: CheckpointStatus; label: string }>;
  followUps: Array<{
    id: number;
    followedAt: string;
    checkpoint: string | null;
    method: string;
    progress: string;
    recordedByName: string;
  }>;
}

export interface SupervisionRecords {
  visits: Visit[];
  trackings: Tracking[];
  mayRecord: boolean;
}

/** 现场督办 and 跟踪督办 on an order: each change is sent with the order's version (409 when stale). */
export const supervisionRecordsApi = {
  of: (orderId: number) => api.get<SupervisionRecords>(`/api/work-orders/${orderId}/supervision-records`),
  recordVisit: (orderId: number, body: Record<string, unknown>) =>
    api.post<SupervisionRecords>(`/api/work-orders/${orderId}/on-site-supervisions`, body),
  startTracking: (orderId: number, body: Record<string, unknown>) =>
    api.post<SupervisionRecords>(`/api/work-orders/${orderId}/trackings`, body),
  followUp: (orderId: number, trackingId: number, body: Record<string, unknown>) =>
    api.post<SupervisionRecords>(`/api/work-orders/${orderId}/trackings/${trackingId}/follow-ups`, body),
  endTracking: (orderId: number, trackingId: number, body: Record<string, unknown>) =>
    api.post<SupervisionRecords>(`/api/work-orders/${orderId}/trackings/${trackingId}/end`, body),
};

import { api } from '../../api/client';

export interface RepeatProbe {
  phone: string;
  address: string;
  townshipUnitId: number | null;
  categoryId: number | null;
  type: string;
  title: string;
  content: string;
}

export type RepeatReason = 'phone' | 'place' | 'content';

export interface RepeatItem {
  id: number;
  code: string;
  title: string;
  type: string;
  state: string;
  stateLabel: string;
  open: boolean;
  createdAt: string;
  leadUnit: { id: number; name: string } | null;
  reasons: RepeatReason[];
  similarity: number;
  sameMatter: boolean;
}

export interface Repeats {
  windowDays: number;
  items: RepeatItem[];
  tookMs: number;
}

export interface CallerOrder {
  id: number;
  code: string;
  title: string;
  type: string;
  state: string;
  stateLabel: string;
  createdAt: string;
  closedAt: string | null;
  satisfaction: string | null;
  satisfactionLabel: string | null;
  leadUnit: { id: number; name: string } | null;
}

/** The caller's past orders; `phone` as the viewer may see it (masked for a unit). */
export interface CallerHistory {
  phone: string;
  items: CallerOrder[];
}

export const assistantApi = {
  repeats: (probe: RepeatProbe) => api.post<Repeats>('/api/assistant/repeats', probe),
  repeatsOf: (orderId: number) => api.get<Repeats>(`/api/work-orders/${orderId}/repeats`),
  callerHistory: (phone: string) => api.get<CallerHistory>('/api/assistant/caller-history', { phone }),
  callerHistoryOf: (orderId: number) => api.get<CallerHistory>(`/api/work-orders/${orderId}/caller-history`),
};

import { api } from './client';
import { countsQuery } from './order-queries';
import type {
  Action,
  AttachmentPurpose,
  DispatchPreview,
  OrderCounts,
  OrderDetail,
  OrderList,
  OrderQuery,
  UploadedAttachment,
  Urgency,
} from './types';

export const kebab = (action: string) => action.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

export interface RegisterInput {
  channel: string;
  cityOrderNo?: string | null;
  citizenName: string;
  citizenPhone: string;
  citizenAddress?: string;
  townshipUnitId?: number | null;
  categoryId?: number | null;
  type: string;
  title: string;
  content: string;
  urgency: Urgency;
  leaderInstruction?: string | null;
  needsCitizenReply: boolean;
  cityDeadline?: string | null;
  confidential?: boolean;
}

export interface RevealedContact {
  citizenName: string;
  citizenPhone: string;
  citizenAddress: string;
}

export const ordersApi = {
  list: (query: OrderQuery) => api.get<OrderList>('/api/work-orders', { ...query }),
  /** How many orders each list holds (a queue's tabs), in one request. */
  counts: (queries: OrderQuery[]) => api.get<OrderCounts>('/api/work-orders/counts', countsQuery(queries)),
  get: (id: number) => api.get<OrderDetail>(`/api/work-orders/${id}`),
  /** `key` names this registration: sent again with it (its answer lost), the server registers nothing twice. */
  register: (input: RegisterInput, key: string) =>
    api.post<OrderDetail>('/api/work-orders', input, { 'idempotency-key': key }),
  act: (id: number, action: Action, body: Record<string, unknown>) =>
    api.post<OrderDetail>(`/api/work-orders/${id}/${kebab(action)}`, body),
  dispatchPreview: (id: number, urgency?: Urgency, leaderDeadline?: string | null) =>
    api.get<DispatchPreview>(`/api/work-orders/${id}/dispatch-preview`, {
      urgency,
      leaderDeadline: leaderDeadline ?? undefined,
    }),
  upload: (id: number, file: File, purpose: AttachmentPurpose) => {
    const form = new FormData();
    // The purpose goes before the file: the server reads fields that precede the file part.
    form.append('purpose', purpose);
    form.append('file', file);
    return api.upload<UploadedAttachment>(`/api/work-orders/${id}/attachments`, form);
  },
  attachmentUrl: (id: number) => `/api/attachments/${id}`,
  revealContact: (id: number, reason: string) =>
    api.post<RevealedContact>(`/api/work-orders/${id}/reveal-contact`, { reason }),
  setConfidential: (id: number, version: number, confidential: boolean, reason: string) =>
    api.post<OrderDetail>(`/api/work-orders/${id}/confidential`, { version, confidential, reason }),
  readUrge: (orderId: number, urgeId: number) =>
    api.post<{ id: number; readAt: string }>(`/api/work-orders/${orderId}/urges/${urgeId}/read`),
};

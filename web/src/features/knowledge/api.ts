import { api, withQuery } from '../../api/client';

export type KnowledgeKind = 'policy' | 'faq' | 'explanation';
export type VersionStatus = 'pending' | 'approved' | 'returned' | 'superseded';

export interface KnowledgeVersion {
  entryId: number;
  versionId: number;
  versionNo: number;
  status: VersionStatus;
  statusLabel: string;
  isCurrent: boolean;
  kind: KnowledgeKind;
  kindLabel: string;
  title: string;
  body: string;
  /** Callers' words for the matter that the title and body do not contain. */
  keywords: string[];
  categoryId: number | null;
  sourceDocument: string;
  sourceDate: string;
  validFrom: string;
  validUntil: string | null;
  ownerUnitId: number;
  ownerUnitName: string;
  proposedByName: string;
  proposedAt: string;
  decidedByName: string | null;
  decidedAt: string | null;
  decisionComment: string | null;
  entryVersion: number;
}

export type KnowledgeHit = KnowledgeVersion & { score: number };

export interface KnowledgeContent {
  kind: KnowledgeKind;
  title: string;
  body: string;
  keywords: string[];
  categoryId: number | null;
  sourceDocument: string;
  sourceDate: string;
  validFrom: string;
  validUntil: string | null;
}

export const KIND_OPTIONS: Array<{ value: KnowledgeKind; label: string }> = [
  { value: 'policy', label: '政策文件' },
  { value: 'faq', label: '常见问题解答' },
  { value: 'explanation', label: '标准解释口径' },
];

export const knowledgeApi = {
  /** `relevant`: only the entries scoring at least half the best (the register page's panel). */
  search: (text: string, relevant = false) =>
    api.post<{ items: KnowledgeHit[] }>('/api/knowledge/search', { text, relevant }),
  forOrder: (orderId: number) => api.get<{ items: KnowledgeHit[] }>(`/api/work-orders/${orderId}/knowledge`),
  list: (status?: VersionStatus) =>
    api.get<{ items: KnowledgeVersion[]; today: string }>(withQuery('/api/knowledge', { status })),
  entry: (id: number) =>
    api.get<{ entryId: number; versions: KnowledgeVersion[]; today: string }>(`/api/knowledge/${id}`),
  propose: (body: KnowledgeContent & { ownerUnitId: number | null }) =>
    api.post<KnowledgeVersion>('/api/knowledge', body),
  proposeVersion: (entryId: number, body: KnowledgeContent & { version: number }) =>
    api.post<KnowledgeVersion>(`/api/knowledge/${entryId}/versions`, body),
  approve: (versionId: number, version: number) =>
    api.post<KnowledgeVersion>(`/api/knowledge/versions/${versionId}/approve`, { version }),
  sendBack: (versionId: number, version: number, comment: string) =>
    api.post<KnowledgeVersion>(`/api/knowledge/versions/${versionId}/return`, { version, comment }),
};

/** How an entry is cited in a reply or an answer: its title, source and version. */
export const citationText = (k: KnowledgeVersion) =>
  `依据《${k.title}》（${k.sourceDocument}，${k.sourceDate}，知识库第 ${k.versionNo} 版）：${k.body}`;

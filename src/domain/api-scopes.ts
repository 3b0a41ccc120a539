/**
 * What a machine client (API client) may call. A client holds one or more scopes; each
 * machine-facing route names the one it needs.
 */
export const API_SCOPES = ['city', 'open311'] as const;
export type ApiScope = (typeof API_SCOPES)[number];

export const API_SCOPE_LABELS: Record<ApiScope, string> = {
  city: '市级平台对接（下发工单、补充、撤单、改期限、催办）',
  open311: 'Open311 第三方报事（提交诉求）',
};

/** A client's scopes from their stored JSON, ignoring names no longer known. */
export function parseScopes(json: string): ApiScope[] {
  try {
    const list: unknown = JSON.parse(json);
    return Array.isArray(list) ? list.filter((s): s is ApiScope => API_SCOPES.includes(s as ApiScope)) : [];
  } catch {
    return [];
  }
}

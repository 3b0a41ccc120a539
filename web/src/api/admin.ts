import { api } from './client';
import { withQuery } from './early';
import type {
  AuditEntry,
  AuditVerification,
  Bulletin,
  CalendarDay,
  CalendarYears,
  Category,
  EscalationRuleSettings,
  InitialPasswordAnswer,
  NamedDate,
  Notification,
  Registration,
  SecuritySettings,
  SignOffMode,
  TimeLimitSettings,
  Unit,
  UnitInput,
  User,
  UserInput,
} from './types';

export const unitsApi = {
  list: () => api.get<{ items: Unit[]; signOffModes: { value: SignOffMode; label: string }[] }>('/api/units'),
  setSignOffMode: (id: number, mode: SignOffMode) =>
    api.put<{ unitId: number; signOffMode: SignOffMode; label: string }>(`/api/units/${id}/sign-off-mode`, {
      mode,
    }),
  create: (u: UnitInput) => api.post<Unit>('/api/units', u),
  /** `version`: the unit's version when the form was opened (a unit changed since is refused, 409). */
  update: (id: number, u: UnitInput, version: number) => api.put<Unit>(`/api/units/${id}`, { ...u, version }),
  saveRegistration: (id: number, r: Registration & { scanAttachmentId?: number }) =>
    api.put<Unit>(`/api/units/${id}/registration`, r),
  /** The stamped registration form's scan, uploaded for this unit's registration. */
  uploadRegistrationScan: (id: number, file: File) => {
    const form = new FormData();
    form.append('purpose', 'registration_scan');
    form.append('file', file);
    return api.upload<{ id: number; fileName: string }>(`/api/units/${id}/registration/scans`, form);
  },
  registrationScanUrl: (id: number) => `/api/units/${id}/registration/scan`,
  setSynonyms: (id: number, synonyms: string[], version: number) =>
    api.put<Unit>(`/api/units/${id}/synonyms`, { synonyms, version }),
};

export const usersApi = {
  list: () => api.get<{ items: User[] }>('/api/users'),
  /** The answer carries the system-made initial password, this once. */
  create: (u: UserInput) => api.post<User & InitialPasswordAnswer>('/api/users', u),
  update: (id: number, u: UserInput, version: number) => api.put<User>(`/api/users/${id}`, { ...u, version }),
  resetPassword: (id: number) => api.post<InitialPasswordAnswer>(`/api/users/${id}/password-reset`),
  resetTotp: (id: number, reason: string) => api.post<User>(`/api/users/${id}/totp/reset`, { reason }),
};

export const categoriesApi = {
  list: (includeInactive = false) =>
    api.get<{ items: Category[] }>('/api/categories', { includeInactive: includeInactive ? '1' : undefined }),
  create: (c: Pick<Category, 'level1' | 'level2' | 'level3'>) => api.post<Category>('/api/categories', c),
  update: (id: number, c: Pick<Category, 'level1' | 'level2' | 'level3' | 'active'>, version: number) =>
    api.put<Category>(`/api/categories/${id}`, { ...c, version }),
  setSynonyms: (id: number, synonyms: string[], version: number) =>
    api.put<Category>(`/api/categories/${id}/synonyms`, { synonyms, version }),
};

export const calendarApi = {
  years: () => api.get<CalendarYears>('/api/calendar/years'),
  year: (year: number) => api.get<{ year: number; days: CalendarDay[] }>(`/api/calendar/years/${year}`),
  provisionalYear: (year: number) =>
    api.post<{ year: number; days: number }>(`/api/calendar/years/${year}/provisional`, {}),
  importYear: (year: number, body: { holidays: NamedDate[]; makeupDays: NamedDate[] }) =>
    api.put<{ year: number; days: number }>(`/api/calendar/years/${year}`, body),
  setDay: (date: string, working: boolean, name?: string | null) =>
    api.put<CalendarDay>(`/api/calendar/days/${date}`, { working, name: name ?? null }),
};

export const settingsApi = {
  timeLimits: () => api.get<TimeLimitSettings>('/api/settings/time-limits'),
  saveTimeLimits: (s: Partial<TimeLimitSettings>) =>
    api.put<TimeLimitSettings>('/api/settings/time-limits', s),
  security: () => api.get<SecuritySettings>('/api/settings/security'),
  saveSecurity: (s: Partial<SecuritySettings>) => api.put<SecuritySettings>('/api/settings/security', s),
  escalationRule: () => api.get<EscalationRuleSettings>('/api/settings/escalation'),
  saveEscalationRule: (s: Partial<EscalationRuleSettings>) =>
    api.put<EscalationRuleSettings>('/api/settings/escalation', s),
};

/** What the auditor filters the log by (the list and its export take the same). */
export interface AuditQuery {
  action?: string;
  person?: string;
  from?: string;
  to?: string;
  ip?: string;
  target?: string;
}

export const auditApi = {
  list: (query: AuditQuery, page: number, pageSize = 50) =>
    api.get<{ items: AuditEntry[]; total: number; actions: Array<{ value: string; label: string }> }>(
      '/api/audit-log',
      { ...query, page, pageSize },
    ),
  exportUrl: (query: AuditQuery) => withQuery('/api/audit-log/export.xlsx', { ...query }),
  verify: () => api.post<AuditVerification>('/api/audit-log/verify', {}),
};

export const notificationsApi = {
  list: (limit = 20) => api.get<{ unread: number; items: Notification[] }>('/api/notifications', { limit }),
  read: (id: number) => api.post<{ unread: number }>(`/api/notifications/${id}/read`),
  readAll: () => api.post<{ unread: number }>('/api/notifications/read-all'),
};

export const bulletinsApi = {
  list: () => api.get<{ items: Bulletin[] }>('/api/bulletins'),
  get: (id: number) => api.get<Bulletin>(`/api/bulletins/${id}`),
  draft: (from: string, to: string) => api.post<Bulletin>('/api/bulletins', { from, to }),
  save: (id: number, body: { version: number; title: string; body: string }) =>
    api.put<Bulletin>(`/api/bulletins/${id}`, body),
  publish: (id: number, version: number) => api.post<Bulletin>(`/api/bulletins/${id}/publish`, { version }),
  documentUrl: (id: number, format: 'docx' | 'pdf') => `/api/bulletins/${id}/document?format=${format}`,
};

import { api } from '../../api/client';
import type { Me } from '../../api/types';

/** One of the user's signed-in sessions (browser or phone), as `/api/auth/sessions` lists it. */
export interface AccountSession {
  id: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  ip: string | null;
  userAgent: string | null;
  current: boolean;
  previousLogin: PreviousLogin;
}

/** The account's sign-in before a session's (null: its first), and the failed attempts since (上次登录). */
export interface PreviousLogin {
  at: string | null;
  ip: string | null;
  failedAttempts: number;
}

export const accountApi = {
  changePassword: (current: string, next: string) => api.post<Me>('/api/auth/password', { current, next }),
  /** A new key to scan; replacing one in use (a new phone) takes the password. */
  startTotp: (password?: string) =>
    api.post<{ secret: string; uri: string }>('/api/auth/totp/setup', password ? { password } : undefined),
  confirmTotp: (code: string) => api.post<{ recoveryCodes: string[] }>('/api/auth/totp/confirm', { code }),
  disableTotp: (password: string) => api.post<Me>('/api/auth/totp/disable', { password }),
  me: () => api.get<Me>('/api/auth/me'),
  sessions: () => api.get<{ items: AccountSession[] }>('/api/auth/sessions'),
  endSession: (id: string) => api.delete<{ ok: true }>(`/api/auth/sessions/${id}`),
};

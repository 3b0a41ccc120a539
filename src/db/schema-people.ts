import type { Generated, Selectable } from 'kysely';

// Units, their people and sign-in (users, sessions, failed logins).

export interface UnitsTable {
  id: Generated<number>;
  code: string;
  name: string;
  kind: string;
  remit: string;
  active: number;
  created_at: string;
  /** How the unit's replies are signed off: 'leader' (by a leader's own login) or 'typed' (typed issuer, scan attached). */
  sign_off_mode: Generated<string>;
  /** The office's words for it, separated by 「、」 (e.g. 住建、房管、建设局). */
  synonyms: Generated<string>;
  /** Raised by every edit: a form saves only over the version it was opened on (admin-001). */
  version: Generated<number>;
}

export interface UnitRegistrationsTable {
  unit_id: number;
  leader_in_charge: string;
  liaison_a: string;
  liaison_b: string;
  remarks: string;
  filled_by: string;
  filled_by_phone: string;
  updated_at: string;
  updated_by: number | null;
  /** The stamped form's scan behind the latest filing (migration 2026-12-01-supervise-003). */
  scan_attachment_id: number | null;
}

export interface UsersTable {
  id: Generated<number>;
  username: string;
  name: string;
  unit_id: number;
  roles: string;
  phone: string;
  password_hash: string;
  active: number;
  /** Liaison slot in the AB-role system: 'A', 'B' or null. */
  liaison_slot: string | null;
  away_from: string | null;
  away_until: string | null;
  away_note: string | null;
  email: string | null;
  created_at: string;
  /** 1: the user must choose a new password before anything else (first login, after a reset). */
  must_change_password: Generated<number>;
  /** When password_hash was set (ISO): its age, against the security settings' maximum. */
  password_set_at: string;
  /** Base32 TOTP secret once enrolled; the pending one while the user confirms the first code. */
  totp_secret: string | null;
  totp_pending_secret: string | null;
  totp_enabled_at: string | null;
  /** The last 30-second step a code was accepted for: a code is good once. */
  totp_last_step: number | null;
  /** JSON array of SHA-256 hashes of the unused recovery codes. */
  recovery_codes: string | null;
  /** Raised by every edit of the account's details: a form saves only over the version it was opened on. */
  version: Generated<number>;
}

/**
 * Each account's latest sign-in (the next shows it as 上次登录). Apart from `users` on purpose:
 * a change to a user tells every process to drop its copy of that user's sessions
 * (multiserver-001), and a sign-in is not a change to the user.
 */
export interface LastLoginsTable {
  user_id: number;
  at: string;
  ip: string | null;
}

export interface SessionsTable {
  /** SHA-256 of the cookie's token: the token itself is never stored. */
  id: string;
  user_id: number;
  created_at: string;
  /** The absolute end, fixed at login. */
  expires_at: string;
  last_seen_at: string | null;
  ip: string | null;
  user_agent: string | null;
  /** The account's sign-in before this session's (null: its first), and failed attempts since it. */
  previous_login_at: string | null;
  previous_login_ip: string | null;
  failed_logins_before: Generated<number>;
}

export interface LoginFailuresTable {
  username: string;
  ip: string;
  at: string;
}

/**
 * Passwords a user chose before the current one (hashed as users.password_hash), newest last:
 * a new password may not be one of the recent ones. One-time passwords are not kept.
 */
export interface PasswordHistoryTable {
  id: Generated<number>;
  user_id: number;
  password_hash: string;
  replaced_at: string;
}

export interface PeopleTables {
  units: UnitsTable;
  unit_registrations: UnitRegistrationsTable;
  users: UsersTable;
  sessions: SessionsTable;
  last_logins: LastLoginsTable;
  login_failures: LoginFailuresTable;
  password_history: PasswordHistoryTable;
}

export type UnitRow = Selectable<UnitsTable>;
export type UserRow = Selectable<UsersTable>;

import type { ReplyContent } from '../reply-standard.js';

/**
 * How a unit's replies are signed off (签发, notice 二(三) 「详细注明签发人」「认真审核、校对」):
 * - 'leader': the liaison drafts, a leader of the unit approves it with their own login, and the
 *   issuer is that leader's account (the default);
 * - 'typed': for units whose leaders have no accounts, set by the office: the issuer is typed and
 *   the scan of the signed reply is attached.
 */
export const SIGN_OFF_MODES = ['leader', 'typed'] as const;
export type SignOffMode = (typeof SIGN_OFF_MODES)[number];
export const SIGN_OFF_MODE_LABELS: Record<SignOffMode, string> = {
  leader: '单位领导在系统中签发',
  typed: '手填签发人、附签发件扫描件',
};
export const isSignOffMode = (v: string): v is SignOffMode =>
  (SIGN_OFF_MODES as readonly string[]).includes(v);

/** A reply drafted for sign-off: waiting for a leader, or sent back to the liaison with the comment. */
export interface ReplyDraft {
  /** The reply as drafted; its issuer is empty until a leader signs it off. */
  reply: ReplyContent;
  submittedAt: string;
  submittedById: number;
  submittedByName: string;
  sentBack?: { at: string; byId: number; byName: string; comment: string } | null;
}

/** The main leader's 阅批 of a leader-instructed or urgent order (notice 四). */
export interface LeaderReading {
  at: string;
  byId: number;
  byName: string;
  instruction: string | null;
}

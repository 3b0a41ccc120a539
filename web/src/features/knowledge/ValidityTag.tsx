import { Tag } from 'antd';
import { type Validity, validity } from '../../../../src/domain/knowledge/entries';
import type { KnowledgeVersion } from './api';

const WORDS: Record<Validity['kind'], (v: Validity) => { label: string; color: string } | null> = {
  in_force: () => null,
  expired: () => ({ label: '已过期', color: 'red' }),
  expiring: (v) => ({
    label: v.kind === 'expiring' && v.days > 0 ? `${v.days} 天后到期` : '今天到期',
    color: 'orange',
  }),
  not_yet: (v) => ({ label: v.kind === 'not_yet' ? `${v.days} 天后生效` : '未生效', color: 'blue' }),
};

/** Whether an entry's validity needs its unit's eye: ended, ending within 30 days, or not yet begun. */
export function needsReview(v: KnowledgeVersion, today: string | undefined): boolean {
  if (!today || v.status !== 'approved') return false;
  const kind = validity(v, today).kind;
  return kind === 'expired' || kind === 'expiring';
}

/** The validity of a version as the knowledge page shows it: nothing while plainly in force. */
export function ValidityTag({ version, today }: { version: KnowledgeVersion; today: string | undefined }) {
  if (!today || version.status === 'superseded') return null;
  const v = validity(version, today);
  const words = WORDS[v.kind](v);
  return words && <Tag color={words.color}>{words.label}</Tag>;
}

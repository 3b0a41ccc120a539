import { Tag } from 'antd';
import { type Validity, validity } from '../../../../src/domain/knowledge/entries';
import type { KnowledgeVersion } from './api';

/** What a version's validity says on the knowledge page: nothing while plainly in force. */
function words(v: Validity): { label: string; color: string } | null {
  switch (v.kind) {
    case 'in_force':
      return null;
    case 'expired':
      return { label: '已过期', color: 'red' };
    case 'expiring':
      return { label: v.days > 0 ? `${v.days} 天后到期` : '今天到期', color: 'orange' };
    case 'not_yet':
      return { label: `${v.days} 天后生效`, color: 'blue' };
  }
}

/** Whether an entry's validity needs its unit's eye: ended, or ending within 30 days. */
export function needsReview(v: KnowledgeVersion, today: string | undefined): boolean {
  if (!today || v.status !== 'approved') return false;
  const kind = validity(v, today).kind;
  return kind === 'expired' || kind === 'expiring';
}

/** The validity of a version as the knowledge page shows it. */
export function ValidityTag({ version, today }: { version: KnowledgeVersion; today: string | undefined }) {
  if (!today || version.status === 'superseded') return null;
  const said = words(validity(version, today));
  return said && <Tag color={said.color}>{said.label}</Tag>;
}

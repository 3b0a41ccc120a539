/**
 * The closed list of what the audit log records (等保 2.0 安全审计): every security-relevant and
 * administrative action has one kind here, with the label the auditor reads. Writers name a kind
 * from this list, so a new kind of entry is a reviewed change, not a free-form string.
 */
export const AUDIT_ACTIONS = {
  'auth.login': '登录成功',
  'auth.login_failed': '登录失败',
  'auth.locked': '账号因多次失败被锁定',
  'auth.logout': '退出登录',
  'auth.password_changed': '本人修改密码',
  'auth.password_check_failed': '修改密码等操作时当前密码错误',
  'auth.password_expired': '密码超过最长使用期限，登录后须先修改',
  'auth.password_reuse_refused': '新密码与近期用过的密码相同，被拒绝',
  'auth.totp_enrolled': '启用两步验证',
  'auth.totp_disabled': '本人关闭两步验证',
  'auth.recovery_code_used': '使用恢复码登录',
  'session.ended': '结束会话',
  'user.created': '新增用户',
  'user.updated': '修改用户',
  'user.roles_changed': '修改用户角色',
  'user.password_reset': '管理员重置密码',
  'user.totp_reset': '管理员重置两步验证',
  'setting.changed': '修改设置',
  'calendar.changed': '修改工作日历',
  'unit.created': '新增单位',
  'unit.updated': '修改单位',
  'unit.registration_changed': '修改单位登记表',
  'category.created': '新增诉求分类',
  'category.updated': '修改诉求分类',
  'channel.changed': '修改通知渠道',
  'knowledge.proposed': '提出知识条目（新版本）',
  'knowledge.approved': '审核通过知识条目',
  'knowledge.returned': '退回知识条目',
  'cityBulletin.recorded': '登记市政府通报',
  'cityBulletin.changed': '修改市政府通报（含追究责任）',
  'weights.changed': '修改考核权重',
  'api_client.created': '新增接口客户端',
  'api_client.updated': '修改接口客户端',
  'api_client.revoked': '吊销接口客户端',
  'api_client.called': '接口客户端改动业务数据',
  'export.personal_data': '导出含个人信息的数据',
  'print.personal_data': '打印含个人信息的页面',
  'data.revealed': '查看脱敏信息原文',
  'order.confidential_changed': '修改工单保密标记',
  'audit.verified': '校验审计日志',
  'audit.exported': '导出审计日志',
  'backup.restored': '从备份恢复',
} as const;

export type AuditAction = keyof typeof AUDIT_ACTIONS;

/** Labels of the kinds written before the log became typed (kept rows are shown as they were). */
const LEGACY_LABELS: Record<string, string> = {
  login: '登录成功',
  login_failed: '登录失败',
  user_created: '新增用户',
  user_updated: '修改用户',
  password_reset: '管理员重置密码',
};

export function auditActionLabel(action: string): string {
  return (AUDIT_ACTIONS as Record<string, string>)[action] ?? LEGACY_LABELS[action] ?? action;
}

/**
 * Field caps: an entry is evidence, not storage. A 1 MB username posted to the login must not
 * fill the table, so every text is cut to its cap and before/after snapshots to a few kilobytes.
 */
export const AUDIT_LIMITS = { name: 64, target: 200, ip: 64, detail: 500, snapshot: 8_000 } as const;

export function capText(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

const SECRET_KEY = /password|secret|token|apikey|api_key|passwd|hash/i;

/**
 * A before/after snapshot as JSON text, secrets blanked, cut (and marked) when larger than the cap.
 * Numbers and switches under such names are rules, not secrets (the security settings'
 * passwordMaxAgeDays, passwordHistory): the auditor sees them change.
 */
export function capSnapshot(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  const secret = (k: string, v: unknown) =>
    k && SECRET_KEY.test(k) && v && typeof v !== 'number' && typeof v !== 'boolean';
  const text = JSON.stringify(value, (k, v) => (secret(k, v) ? '***' : v)) ?? null;
  if (text === null) return null;
  if (text.length <= AUDIT_LIMITS.snapshot) return text;
  return JSON.stringify({ truncated: true, head: text.slice(0, AUDIT_LIMITS.snapshot - 100) });
}

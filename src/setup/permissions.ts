import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { openDb } from '../db/connection.js';
import { CAPABILITY_LABELS, type Capability, GRANTS, REACH_LABELS, reachOf } from '../domain/policy.js';
import { ROLE_LABELS, ROLES } from '../domain/roles.js';
import { buildApp } from '../server/app.js';
import type { Access } from '../server/plugins/auth.js';

type Operation = { summary?: string; 'x-access'?: Access; security?: unknown[] };
export type OpenApiPaths = Record<string, Record<string, Operation>>;

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/** Every operation of the OpenAPI document with the access it declares, in document order. */
export function operationsOf(paths: OpenApiPaths) {
  return Object.entries(paths).flatMap(([path, ops]) =>
    Object.entries(ops)
      .filter(([method]) => METHODS.includes(method))
      .map(([method, op]) => ({
        method: method.toUpperCase(),
        path,
        summary: op.summary ?? '',
        access: op['x-access'],
        /** Machine routes: no user session, an API client's key (and its scope) instead. */
        byKey: (op.security?.length ?? 0) > 0,
      })),
  );
}

function cell(access: Access | undefined, role: (typeof ROLES)[number]): string {
  if (access === 'public') return '公开';
  if (access === 'user') return '✓';
  if (access === undefined) return '?';
  const reach = reachOf(role, access);
  if (reach === null) return '';
  return reach === 'all' ? '✓' : REACH_LABELS[reach];
}

/** docs/permissions.md: route × role from the OpenAPI document, each cell as the policy answers it. */
export function permissionsMarkdown(paths: OpenApiPaths): string {
  const head = `| 接口 | 所需权限 | ${ROLES.map((r) => ROLE_LABELS[r]).join(' | ')} |`;
  const rule = `|---|---|${ROLES.map(() => ':-:').join('|')}|`;
  const rows = operationsOf(paths).map(({ method, path, summary, access, byKey }) => {
    const needs = byKey
      ? '接口密钥'
      : access === 'public'
        ? '公开'
        : access === 'user'
          ? '登录即可'
          : access
            ? `\`${access}\``
            : '未声明';
    return `| \`${method} ${path}\`<br>${summary} | ${needs} | ${ROLES.map((r) => (byKey ? '' : cell(access, r))).join(' | ')} |`;
  });
  const capabilities = (Object.keys(CAPABILITY_LABELS) as Capability[]).map((c) => {
    const holders = Object.entries(GRANTS[c])
      .map(
        ([role, reach]) =>
          `${ROLE_LABELS[role as keyof typeof ROLE_LABELS]}${reach === 'all' ? '' : `(${REACH_LABELS[reach]})`}`,
      )
      .join('、');
    return `| \`${c}\` | ${CAPABILITY_LABELS[c]} | ${holders || '—'} |`;
  });
  return [
    '# 权限表（自动生成）',
    '',
    '由 `npm run docs:permissions` 从 OpenAPI 文档（每个接口的 `x-access`）和 `src/domain/policy.ts` 生成，请勿手改；',
    '`test/api/permissions.test.ts` 检查本文件是最新的，并以每个角色实际调用每个接口，核对允许与拒绝。',
    '',
    '「本单位」：只对本单位承办的工单或本单位的记录；「市平台工单」：只对市级平台下发的工单。',
    '',
    '## 能力',
    '',
    '| 能力 | 说明 | 授予 |',
    '|---|---|---|',
    ...capabilities,
    '',
    '## 接口 × 角色',
    '',
    head,
    rule,
    ...rows,
    '',
  ].join('\n');
}

/** The OpenAPI paths of the application as built (no database is touched). */
export async function openApiPaths(): Promise<OpenApiPaths> {
  const db = openDb('sqlite::memory:');
  const { app } = await buildApp({ db });
  const doc = app.swagger() as unknown as { paths: OpenApiPaths };
  await app.close();
  await db.close();
  return doc.paths;
}

export const PERMISSIONS_DOC = resolve(import.meta.dirname, '../../docs/permissions.md');

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  writeFileSync(PERMISSIONS_DOC, permissionsMarkdown(await openApiPaths()));
  console.log(`已写入 ${PERMISSIONS_DOC}`);
}

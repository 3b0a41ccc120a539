import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { StatisticsRepository } from '../../db/repositories/statistics.repository.js';
import { formatDeadline } from '../../domain/deadline-text.js';
import { can } from '../../domain/policy.js';
import { refuse } from '../../domain/refusal.js';
import { toShanghaiIso } from '../../domain/time.js';
import {
  CALLBACK_LABELS,
  ORDER_TYPE_LABELS,
  type OrderType,
  SOURCE_LABELS,
  type SourceChannel,
  URGENCY_LABELS,
} from '../../domain/workflow/index.js';
import type { AppContext } from '../../server/context.js';
import { actorOf, who } from '../../server/plugins/auth.js';
import { idParams } from '../../server/schemas.js';
import { orderDetail } from '../work-orders/work-order.detail.js';
import { WorkOrderService } from '../work-orders/work-order.service.js';

const esc = (v: unknown) =>
  String(v ?? '').replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );
const local = (iso: string | null | undefined) =>
  iso ? toShanghaiIso(new Date(iso)).slice(0, 16).replace('T', ' ') : '';

/** A printable A4 page in the style of the county's paper forms (宋体, ruled table, title centred). */
function page(title: string, body: string): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(title)}</title><style>
@page { size: A4; margin: 20mm 18mm; }
body { font-family: "Noto Serif CJK SC", "SimSun", serif; font-size: 14px; color: #000; margin: 0 auto; max-width: 180mm; }
h1 { text-align: center; font-size: 22px; letter-spacing: 2px; margin: 8px 0 16px; }
table { width: 100%; border-collapse: collapse; table-layout: fixed; }
th, td { border: 1px solid #000; padding: 6px 8px; vertical-align: top; word-break: break-all; }
th { width: 18%; font-weight: normal; text-align: center; background: #fafafa; }
.meta { display: flex; justify-content: space-between; margin-bottom: 6px; }
.content { min-height: 90px; white-space: pre-wrap; }
.no-print { margin: 12px 0; } @media print { .no-print { display: none; } }
</style></head><body><div class="no-print"><button onclick="window.print()">打印 / 另存为 PDF</button></div>${body}</body></html>`;
}

/** Print pages: the order sheet (工单办理单) and the unit registration form (登记表) of the notice's annex. */
export function printRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const service = new WorkOrderService(ctx);
  return async (app) => {
    app.get(
      '/print/work-orders/:id',
      { config: { access: 'workOrder.print' }, schema: { hide: true, params: idParams } },
      async (request, reply) => {
        const o = await orderDetail(ctx, service, request.params.id, actorOf(request));
        // A printed order carries the citizen's personal data: who printed which order is kept.
        await ctx.audit.record(ctx.db.kysely, {
          ...who(request),
          action: 'print.personal_data',
          target: `order:${o.code}`,
          detail: '打印工单办理单',
        });
        const reply_ = o.reply as Record<string, string | boolean | null> | null;
        const co = o.assignments
          .filter((a) => a.active && a.role === 'co')
          .map((a) => a.unitName)
          .join('、');
        const callbacks = o.timeline.filter((e) => e.type === 'callback_recorded');
        const body = `<h1>12345市民服务热线工单办理单</h1>
<div class="meta"><span>工单编号：${esc(o.code)}</span><span>市平台编号：${esc(o.cityOrderNo ?? '—')}</span></div>
<table>
<tr><th>来电人</th><td>${esc(o.citizenName)}</td><th>联系电话</th><td>${esc(o.citizenPhone)}</td></tr>
<tr><th>地址</th><td colspan="3">${esc(o.citizenAddress)}</td></tr>
<tr><th>来源</th><td>${esc(SOURCE_LABELS[o.channel as SourceChannel])}</td><th>类型</th><td>${esc(ORDER_TYPE_LABELS[o.type as OrderType])}</td></tr>
<tr><th>紧急程度</th><td>${esc(URGENCY_LABELS[o.urgency])}</td><th>登记时间</th><td>${esc(local(o.createdAt))}</td></tr>
<tr><th>诉求分类</th><td colspan="3">${esc(o.category ? `${o.category.level1} / ${o.category.level2} / ${o.category.level3}` : '')}</td></tr>
<tr><th>标题</th><td colspan="3">${esc(o.title)}</td></tr>
<tr><th>诉求内容</th><td colspan="3" class="content">${esc(o.content)}</td></tr>
${o.leaderInstruction ? `<tr><th>领导批示</th><td colspan="3" class="content">${esc(o.leaderInstruction)}</td></tr>` : ''}
<tr><th>牵头单位</th><td>${esc(o.leadUnit?.name ?? '')}</td><th>协办单位</th><td>${esc(co)}</td></tr>
<tr><th>派发时间</th><td>${esc(local(o.dispatchedAt))}</td><th>办理期限</th><td>${esc(formatDeadline(o.handleBy))}</td></tr>
<tr><th>办理情况</th><td colspan="3" class="content">${esc(reply_?.findings)}</td></tr>
<tr><th>处理结果</th><td colspan="3" class="content">${esc(reply_?.result)}</td></tr>
<tr><th>政策依据</th><td colspan="3">${esc(reply_?.basis)}</td></tr>
<tr><th>签发人</th><td>${esc(reply_?.issuer)}</td><th>承办人及电话</th><td>${esc(reply_ ? `${reply_.handlerName} ${reply_.handlerPhone}` : '')}</td></tr>
<tr><th>答复时间</th><td>${esc(local(reply_?.repliedAt as string | null))}${reply_?.viaFax ? '（传真代录）' : ''}</td><th>状态</th><td>${esc(o.stateLabel)}</td></tr>
<tr><th>回访结果</th><td colspan="3">${callbacks.map((c) => `${esc(local(c.at))} ${esc(CALLBACK_LABELS[c.payload.result])} ${esc(c.payload.note)}`).join('<br>')}</td></tr>
</table>`;
        reply.type('text/html; charset=utf-8');
        return page(`工单办理单 ${o.code}`, body);
      },
    );

    app.get(
      '/print/units/:id/registration',
      {
        config: { access: 'unit.readRegistration' },
        schema: { hide: true, params: idParams },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        if (!can(actor, 'unit.readRegistration', { kind: 'unit', unitId: request.params.id })) {
          refuse('forbidden', 'OTHER_UNIT', '只能查看本单位的登记表。');
        }
        const unit = await new StatisticsRepository(ctx.db.kysely).registration(request.params.id);
        if (!unit) refuse('not_found', 'UNIT_NOT_FOUND', '单位不存在。');
        await ctx.audit.record(ctx.db.kysely, {
          ...who(request),
          action: 'print.personal_data',
          target: `unit:${request.params.id} ${unit.name}`,
          detail: '打印单位登记表（含手机号码）',
        });
        type P = { name: string; title: string; officePhone: string; mobile: string; fax: string };
        const person = (label: string, json: string | null) => {
          const p = json ? (JSON.parse(json) as P) : null;
          return `<tr><th>${label}</th><td>${esc(p?.name)}</td><td>${esc(p?.title)}</td><td>${esc(p?.officePhone)}</td><td>${esc(p?.mobile)}</td><td>${esc(p?.fax)}</td></tr>`;
        };
        const body = `<h1>市民服务热线承办单位分管领导及联络员登记表</h1>
<div class="meta"><span>填报单位名称：${esc(unit.name)}</span><span>（加盖公章）</span></div>
<table>
<tr><th>项目</th><th>姓名</th><th>职务</th><th>办公电话</th><th>手机</th><th>传真</th></tr>
${person('分管领导', unit.leader_in_charge)}
${person('经办人（联络员）（A）', unit.liaison_a)}
${person('经办人（联络员）（B）', unit.liaison_b)}
<tr><th>备注</th><td colspan="5" class="content">${esc(unit.remarks)}</td></tr>
</table>
<div class="meta" style="margin-top:12px"><span>填报人：${esc(unit.filled_by)}</span><span>联系电话：${esc(unit.filled_by_phone)}</span></div>
${unit.leader_in_charge ? '' : '<p>（本单位尚未填报登记表）</p>'}`;
        reply.type('text/html; charset=utf-8');
        return page(`登记表 ${unit.name}`, body);
      },
    );
  };
}

import { useEffect, useState } from 'react';
import { ApiError, api } from '../../api/client';
import type { ReplyContent } from '../../api/types';

export interface ReplyPart {
  key: string;
  label: string;
  /** null until the server has checked the draft. */
  ok: boolean | null;
  hint: string;
}

const PARTS: Array<Omit<ReplyPart, 'ok'> & { when?: 'unreasonable' | 'citizen' }> = [
  { key: 'findings', label: '办理情况', hint: '写明查明的事实，不能是套话' },
  { key: 'result', label: '处理结果', hint: '写明如何处理、结果如何' },
  { key: 'basis', label: '政策依据', hint: '写明依据的政策或法规条款' },
  {
    key: 'explanation',
    label: '说服疏导',
    hint: '诉求超出政策时，写明向群众解释疏导的情况',
    when: 'unreasonable',
  },
  { key: 'issuer', label: '签发人', hint: '签发人姓名' },
  { key: 'handlerName', label: '承办人', hint: '承办人姓名' },
  { key: 'handlerPhone', label: '承办人电话', hint: '手机或座机号码' },
  {
    key: 'citizenContact',
    label: '答复群众记录',
    hint: '先答复群众，记录时间、方式、答复人和群众意见',
    when: 'citizen',
  },
];

/**
 * The reply's parts as the user types, checked by the server's own rule
 * (POST /api/work-orders/:id/reply/check, debounced), so the form never keeps a copy of it.
 */
export function useReplyParts(orderId: number, reply: ReplyContent, needsCitizenReply: boolean): ReplyPart[] {
  const [problems, setProblems] = useState<Array<{ field: string; message: string }> | null>(null);
  const key = JSON.stringify(reply);
  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      api
        .post<{ problems: Array<{ field: string; message: string }> }>(
          `/api/work-orders/${orderId}/reply/check`,
          {
            reply: JSON.parse(key),
          },
        )
        .then((r) => live && setProblems(r.problems))
        .catch((e: unknown) => {
          if (!live) return;
          // A draft the schema refuses (a field too long) is checked too: its fields are the problems.
          const fields = e instanceof ApiError ? e.problems : [];
          setProblems(
            fields.length > 0
              ? fields.map((f) => ({ field: f.field.replace(/^body\.(reply\.)?/, ''), message: f.message }))
              : null,
          );
        });
    }, 400);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [orderId, key]);
  return PARTS.filter(
    (p) =>
      (p.when !== 'unreasonable' || reply.unreasonableDemand) && (p.when !== 'citizen' || needsCitizenReply),
  ).map(({ when: _when, ...p }) => {
    const found = problems?.find((x) => x.field === p.key || x.field.startsWith(`${p.key}.`));
    return { ...p, ok: problems === null ? null : !found, hint: found?.message ?? p.hint };
  });
}

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

/** A reply's fields that must not be blank, by the server's field names, with their labels. */
const REQUIRED: Array<{ field: string; label: string; when?: 'unreasonable' | 'citizen' | 'typedIssuer' }> = [
  { field: 'findings', label: '办理情况' },
  { field: 'result', label: '处理结果' },
  { field: 'basis', label: '政策依据' },
  { field: 'explanation', label: '说服疏导情况', when: 'unreasonable' },
  { field: 'issuer', label: '签发人', when: 'typedIssuer' },
  { field: 'handlerName', label: '承办人' },
  { field: 'handlerPhone', label: '承办人电话' },
  { field: 'citizenContact.contactedAt', label: '答复时间', when: 'citizen' },
  { field: 'citizenContact.contactedBy', label: '答复人', when: 'citizen' },
  { field: 'citizenContact.citizenResponse', label: '群众意见', when: 'citizen' },
];

/**
 * The reply's fields left blank: all a phone can tell without the server, whose rule (what the
 * text says) needs its word segmenter. Offline, a reply with a blank field is not kept to be sent:
 * the liaison may leave the signal believing it gone (the tester's 办理情况 left empty).
 */
export function blankReplyFields(
  reply: ReplyContent,
  needsCitizenReply: boolean,
  typedIssuer: boolean,
): Array<{ field: string; message: string }> {
  const fieldValue = (path: string): unknown =>
    path.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown> | null | undefined)?.[k], reply);
  return REQUIRED.filter(
    (r) =>
      (r.when !== 'unreasonable' || reply.unreasonableDemand) &&
      (r.when !== 'citizen' || needsCitizenReply) &&
      (r.when !== 'typedIssuer' || typedIssuer),
  )
    .filter((r) => String(fieldValue(r.field) ?? '').trim() === '')
    .map((r) => ({ field: r.field, message: `请填写${r.label}` }));
}

/**
 * The reply's parts as the user types, checked by the server's own rule
 * (POST /api/work-orders/:id/reply/check, debounced), so the form never keeps a copy of it.
 */
export function useReplyParts(
  orderId: number,
  reply: ReplyContent,
  needsCitizenReply: boolean,
): { parts: ReplyPart[]; offline: boolean } {
  const [problems, setProblems] = useState<Array<{ field: string; message: string }> | null>(null);
  const [offline, setOffline] = useState(false);
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
        .then((r) => {
          if (!live) return;
          setOffline(false);
          setProblems(r.problems);
        })
        .catch((e: unknown) => {
          if (!live) return;
          // No connection: only what is blank can be told here; the rest waits for the server.
          if (e instanceof ApiError && e.status === 0) {
            setOffline(true);
            setProblems(blankReplyFields(JSON.parse(key), needsCitizenReply, true));
            return;
          }
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
  }, [orderId, key, needsCitizenReply]);
  const parts = PARTS.filter(
    (p) =>
      (p.when !== 'unreasonable' || reply.unreasonableDemand) && (p.when !== 'citizen' || needsCitizenReply),
  ).map(({ when: _when, ...p }) => {
    const found = problems?.find((x) => x.field === p.key || x.field.startsWith(`${p.key}.`));
    return { ...p, ok: problems === null ? null : !found, hint: found?.message ?? p.hint };
  });
  return { parts, offline };
}

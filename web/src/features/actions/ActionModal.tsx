import { ReloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Form, Grid, Modal } from 'antd';
import { useEffect, useState } from 'react';
import { ApiError } from '../../api/client';
import { ACTION_LABELS } from '../../api/labels';
import { ordersApi } from '../../api/orders';
import type { Action, OrderDetail } from '../../api/types';
import { useMe } from '../../app/auth';
import { draftKey } from '../../lib/drafts';
import { applyFieldErrors, clearErrorsOf, defaultMap } from '../../lib/formErrors';
import { formKeys } from '../../lib/formKeys';
import { ShortcutHelp } from '../../lib/ShortcutHelp';
import { DraftRestored, useFormDraft } from '../../lib/useFormDraft';
import { dropFailure, failureOf, mayQueue, queueAction } from '../../offline/queueAction';
import type { FormValues } from './spec';
import { ACTION_SPECS } from './specs';

interface Props {
  order: OrderDetail;
  action: Action;
  open: boolean;
  onClose: () => void;
  onDone: (order: OrderDetail) => void;
  /** Loads the order again (after a concurrent change) without closing the form. */
  onReload: () => Promise<unknown>;
}

/**
 * One workflow action as a form: the rule first, then the fields, then the server's answer.
 * The form stays open with what was typed on any refusal; on a concurrent change (409) the
 * user reloads the order and sends again.
 */
export function ActionModal({ order, action, open, onClose, onDone, onReload }: Props) {
  const me = useMe();
  const { message } = App.useApp();
  const spec = ACTION_SPECS[action];
  const [form] = Form.useForm<FormValues>();
  // A step sent from the outbox and refused (409 or a rule) opens with that answer.
  const [failure] = useState(() => failureOf(me.id, order.id, action));
  const [error, setError] = useState<ApiError | undefined>(failure?.error);
  const [unplaced, setUnplaced] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [reloaded, setReloaded] = useState(false);
  const screens = Grid.useBreakpoint();
  const label = ACTION_LABELS[action];

  // What was typed is kept on the device per user, order and form until it is sent or discarded.
  const key = draftKey(me.id, `order:${order.id}:${action}`);
  const draft = useFormDraft<FormValues>(key, form);
  const { restored, hasDraft } = draft;
  const discard = () => draft.discard(spec.initialValues?.(order, me) ?? {});

  // biome-ignore lint/correctness/useExhaustiveDependencies: once, when the form opens with the outbox's refusal
  useEffect(() => {
    if (!failure) return;
    dropFailure(me.id, failure.id);
    if (failure.error.problems.length)
      setUnplaced(applyFieldErrors(form, failure.error, spec.fieldName ?? defaultMap));
  }, []);

  // The form is mounted each time it opens: its first values are computed once, then kept.
  const [initialValues] = useState(() => ({
    ...(spec.initialValues?.(order, me) ?? {}),
    ...restored?.values,
  }));

  const submit = async () => {
    let values: FormValues;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setError(undefined);
    setUnplaced([]);
    // The server judges the whole form again: its earlier verdicts on fields no longer stand.
    clearErrorsOf(form);
    setReloaded(false);
    const body = { version: order.version, ...(spec.toBody?.(values, order) ?? {}) };
    // No connection: the step waits in the outbox with its version; the draft keeps the text.
    const queue = (uncertain: boolean) => {
      try {
        if (spec.Fields) draft.keep();
        queueAction(me.id, order, action, body, uncertain);
      } catch {
        setError(
          new ApiError(
            0,
            'OUTBOX_UNAVAILABLE',
            '本机无法保存待发送的操作（存储空间不足或已禁用），请联网后再提交。',
            undefined,
          ),
        );
        return;
      }
      message.info(`${label}已保存在本机，联网后自动发送。`);
      onClose();
    };
    if (mayQueue(action)) {
      const blanks = spec.blanks?.(values, order) ?? [];
      if (blanks.length === 0) return queue(false);
      const incomplete = new ApiError(
        0,
        'INCOMPLETE_OFFLINE',
        `离线时只能保存填写完整的${label}：${blanks.length} 处未填写，见各栏下方的红字提示。`,
        { problems: blanks },
      );
      setError(incomplete);
      setUnplaced(applyFieldErrors(form, incomplete, spec.fieldName ?? defaultMap));
      return;
    }
    setBusy(true);
    try {
      const updated = await ordersApi.act(order.id, action, body);
      message.success(`已${label}`);
      draft.drop();
      form.resetFields();
      onDone(updated);
    } catch (e) {
      const err = e instanceof ApiError ? e : new ApiError(0, 'CLIENT', String(e), undefined);
      // Sent, but no answer came (a weak link): queued as possibly applied, checked before resending.
      if (mayQueue(action, err) && err.code === 'NETWORK') return queue(true);
      setError(err);
      if (err.problems.length) setUnplaced(applyFieldErrors(form, err, spec.fieldName ?? defaultMap));
    } finally {
      setBusy(false);
    }
  };

  const reload = async () => {
    await onReload();
    setError(undefined);
    setReloaded(true);
  };

  return (
    <Modal
      open={open}
      title={label}
      onCancel={onClose}
      width={screens.md ? (spec.width ?? 560) : '100%'}
      style={screens.md ? undefined : { top: 0, maxWidth: '100vw', padding: 0 }}
      mask={{ closable: false }}
      footer={[
        ...(hasDraft
          ? [
              <Button key="discard" danger type="text" onClick={discard}>
                放弃草稿
              </Button>,
            ]
          : []),
        <ShortcutHelp key="keys" />,
        <Button key="cancel" onClick={onClose}>
          取消
        </Button>,
        <Button key="ok" type="primary" danger={spec.danger} loading={busy} onClick={submit}>
          {spec.okText ?? `确认${label}`}
        </Button>,
      ]}
    >
      <Alert type="info" role="note" title={spec.rule(order)} style={{ marginBottom: 16 }} />
      {restored && hasDraft && <DraftRestored savedAt={restored.savedAt} />}
      {/* Enter goes on to the next field, Alt+(Shift+)1…3 takes a suggestion, Ctrl+Enter sends the form. */}
      <div onKeyDownCapture={formKeys(() => void submit())}>
        <Form
          form={form}
          layout="vertical"
          requiredMark={false}
          aria-label={`${label}表单`}
          initialValues={initialValues}
          onValuesChange={(changed) => {
            // A field the user changes loses the server's earlier verdict on it at once.
            clearErrorsOf(form, changed);
            draft.keep();
          }}
        >
          {spec.Fields && <spec.Fields form={form} order={order} me={me} picked={draft.keep} />}
        </Form>
      </div>
      {reloaded && (
        <Alert type="success" showIcon title="已载入工单的最新内容，您填写的内容已保留。请核对后再次提交。" />
      )}
      {error && (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={alertTitle(error, unplaced)}
          description={
            unplaced.length > 0 ? (
              <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                {unplaced.map((m) => (
                  <li key={m}>{m}</li>
                ))}
              </ul>
            ) : undefined
          }
          action={
            error.isVersionConflict ? (
              <Button size="small" icon={<ReloadOutlined />} onClick={reload}>
                刷新工单
              </Button>
            ) : undefined
          }
        />
      )}
    </Modal>
  );
}

/** What a refused form's refusal is about, when each of its problems is shown beside its own field. */
const REFUSAL_HEADINGS: Record<string, string> = {
  REPLY_NOT_STANDARD: '答复不符合规范回复要求',
  CITIZEN_NOT_ANSWERED: '答复群众的记录不全',
};

/**
 * The refusal's message, or, when every problem it lists already stands beside its field (and, for
 * a reply, in the checklist), a heading that points there: on a phone the list three times over
 * pushed the form off the screen.
 */
function alertTitle(error: ApiError, unplaced: string[]): string {
  const n = error.problems.length;
  const heading = REFUSAL_HEADINGS[error.code];
  // Only the reply's refusals: their form maps every field it has and leaves the others unplaced
  // (replyFieldName), so "beside its field" is sure to be true.
  if (n === 0 || unplaced.length > 0 || heading === undefined) return error.message;
  return `${heading}：${n} 处需要修改，见各栏下方的红字提示。`;
}

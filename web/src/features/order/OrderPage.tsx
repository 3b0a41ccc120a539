import { ArrowLeftOutlined, PrinterOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Flex, Grid, Result, Row, Space, Typography } from 'antd';
import { useEffect, useRef } from 'react';
import { useNavigate, useParams } from 'react-router';
import { ordersApi } from '../../api/orders';
import type { OrderDetail } from '../../api/types';
import { useMe } from '../../app/auth';
import { PageLoading } from '../../app/PageLoading';
import { titled } from '../../app/pageTitle';
import { fmtDeadline } from '../../lib/time';
import { useAsync } from '../../lib/useAsync';
import { useServerReturns } from '../../offline/connection';
import { OrderOutbox } from '../../offline/OrderOutbox';
import { useOutbox } from '../../offline/outbox';
import { onAnswered } from '../../offline/send';
import { ActionModal } from '../actions/ActionModal';
import { stateBadge } from '../orders/badges';
import { BadgeTag, ConfidentialTag, DeadlineTag, RedoTag, StateTag, UrgencyTag } from '../orders/tags';
import { SupervisionRecordsCard } from '../supervision/SupervisionRecordsCard';
import { ActionBar } from './ActionBar';
import { AssignmentsCard } from './AssignmentsCard';
import { AttachmentsCard } from './AttachmentsCard';
import { CallerHistoryCard } from './CallerHistoryCard';
import { ConfidentialButton } from './ConfidentialButton';
import { coPartBadge, coPartOf } from './coPart';
import { DeadlinesCard } from './DeadlinesCard';
import { DecisionNotice } from './DecisionNotice';
import { OrderFields } from './OrderFields';
import { OrderTimeline } from './OrderTimeline';
import { RedoOpinion } from './RedoOpinion';
import { ReplyView } from './ReplyView';
import { LeaderReadNotice, SentBackNotice, SignOffCard } from './SignOffCard';
import { SupervisionCard, UnreadUrges } from './SupervisionCard';
import { useActionDialog } from './useActionDialog';

/** An order's page: fields, deadlines, units, reply, attachments, timeline, and the allowed actions. */
export default function OrderPage() {
  const id = Number(useParams().id);
  const navigate = useNavigate();
  const screens = Grid.useBreakpoint();
  const me = useMe();
  const { data: order, error, reload, setData } = useAsync(() => ordersApi.get(id), String(id));
  const queued = useOutbox(me.id).filter((i) => i.orderId === id);
  // A step waiting in the outbox is not offered again; a refused one is reopened from its notice.
  const waiting = new Set(queued.filter((i) => i.state === 'pending').map((i) => i.action));
  const allowed = order?.allowedActions.filter((a) => !waiting.has(a));
  const { open, openAction, close } = useActionDialog(order?.allowedActions);
  // A step sent from the outbox while this order is open: show the order as the server left it.
  useEffect(() => onAnswered((updated) => updated.id === id && setData(updated)), [id, setData]);
  // The server answering again after copies or silence (a weak signal): what the page shows may be
  // the saved copy, older than the server's. Read again, but not under an open form: its action
  // could vanish from the allowed ones while the person types. Read once it closes instead.
  const serverReturns = useServerReturns();
  const readAtReturn = useRef(serverReturns);
  useEffect(() => {
    if (open || readAtReturn.current === serverReturns) return;
    readAtReturn.current = serverReturns;
    void reload();
  }, [serverReturns, open, reload]);
  // The tab names the order, for an office that keeps several open (the shell's title until it has come).
  const code = order?.code;
  useEffect(() => {
    if (code) document.title = titled(`工单 ${code}`);
  }, [code]);

  if (error && !order) {
    return (
      <Result
        status={error.status === 404 ? '404' : 'error'}
        title={error.message}
        // Reached from an old notice or link (an order returned, merged or moved on): a way back.
        subTitle={
          error.status === 404 ? '工单可能已收回、改派或合并，请回到工作台查看当前的工单。' : undefined
        }
        extra={
          <Button type="primary" onClick={() => navigate('/')}>
            回到工作台
          </Button>
        }
      />
    );
  }
  if (!order) return <PageLoading />;

  const done = (updated: OrderDetail) => {
    setData(updated);
    close();
  };
  const finished = order.state === 'closed' || order.state === 'voided';
  const canUpload = !finished && order.abilities.includes('workOrder.attach');
  const pending = order.pendingExtension;

  const fields = <OrderFields key={order.id} order={order} />;
  const replyCard = order.reply ? (
    <Card size="small" title="办结反馈">
      <ReplyView reply={order.reply} />
    </Card>
  ) : (
    <SignOffCard order={order} />
  );
  const coPart = coPartOf(order, me.unitId);
  const deadlines = <DeadlinesCard order={order} coPart={coPart} />;
  const side = (
    <>
      <AssignmentsCard order={order} />
      <SupervisionCard order={order} onChanged={() => void reload()} />
      <SupervisionRecordsCard order={order} onChanged={() => void reload()} />
      <AttachmentsCard order={order} canUpload={canUpload} onUploaded={() => void reload()} />
      <CallerHistoryCard order={order} />
    </>
  );

  return (
    <div>
      <Card size="small" style={{ marginBottom: 12 }}>
        <Flex justify="space-between" align="start" wrap gap={8}>
          <div style={{ minWidth: 0 }}>
            <Space size={4} wrap>
              <Button
                type="text"
                size="small"
                icon={<ArrowLeftOutlined />}
                onClick={() => navigate(-1)}
                aria-label="返回"
              />
              <Typography.Text type="secondary">{order.code}</Typography.Text>
              {coPart ? (
                <>
                  <BadgeTag badge={coPartBadge(coPart)} />
                  {/* The order's state is the lead's: said as the order's, not the viewer's to act on. */}
                  <BadgeTag
                    badge={{ ...stateBadge(order.state), label: `工单${stateBadge(order.state).label}` }}
                  />
                </>
              ) : (
                <StateTag state={order.state} />
              )}
              <DeadlineTag status={order.deadlineStatus} awaitingOffice={!!order.decision} />
              <UrgencyTag urgency={order.urgency} />
              <RedoTag count={order.redoCount} />
              <ConfidentialTag confidential={order.confidential} />
            </Space>
            <Typography.Title level={screens.md ? 4 : 5} style={{ margin: '6px 0 0' }}>
              {order.title}
            </Typography.Title>
            {order.leadUnit && (
              <Typography.Text type="secondary">
                牵头单位：{order.leadUnit.name}
                {order.handleBy && ` · 办理期限 ${fmtDeadline(order.handleBy)}`}
              </Typography.Text>
            )}
          </div>
          <Space>
            <ConfidentialButton order={order} onDone={setData} />
            <Button icon={<PrinterOutlined />} href={`/print/work-orders/${order.id}`} target="_blank">
              打印办理单
            </Button>
            <Button icon={<ReloadOutlined />} onClick={() => void reload()} aria-label="刷新" />
          </Space>
        </Flex>
        <div style={{ marginTop: 12 }} aria-label="可执行的操作" role="toolbar">
          <ActionBar actions={allowed ?? []} onPick={openAction} />
          {order.allowedActions.length === 0 && !finished && (
            <Typography.Text type="secondary">当前没有您可以执行的操作。</Typography.Text>
          )}
          {order.callbackShortfall && (
            // 办结 is not offered yet: say why, with the attempts made and what is still needed.
            <Alert
              type="info"
              showIcon
              role="note"
              aria-label="暂不能办结"
              style={{ marginTop: 8 }}
              title="回访联系不上，暂不能办结"
              description={order.callbackShortfall}
            />
          )}
        </div>
      </Card>
      <OrderOutbox userId={me.id} items={queued} order={order} onOpen={openAction} />
      <RedoOpinion order={order} />
      <UnreadUrges order={order} onChanged={() => void reload()} />
      <DecisionNotice order={order} />
      <LeaderReadNotice order={order} />
      <SentBackNotice order={order} />
      {pending && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={`延期申请待审批：申请延期至 ${fmtDeadline(pending.requestedDeadline)}（主要负责人 ${pending.mainLeaderName} 签字）`}
          description={pending.reason}
        />
      )}
      {screens.lg ? (
        <Row gutter={[12, 12]}>
          <Col span={16}>
            <Flex vertical gap={12}>
              {fields}
              {replyCard}
              <OrderTimeline order={order} />
            </Flex>
          </Col>
          <Col span={8}>
            <Flex vertical gap={12}>
              {deadlines}
              {side}
            </Flex>
          </Col>
        </Row>
      ) : (
        // On a phone the deadlines come first: they are what a liaison checks.
        <Flex vertical gap={12}>
          {deadlines}
          {fields}
          {replyCard}
          {side}
          <OrderTimeline order={order} />
        </Flex>
      )}
      {open && (
        <ActionModal
          key={open}
          order={order}
          action={open}
          open
          onClose={close}
          onDone={done}
          onReload={reload}
        />
      )}
    </div>
  );
}

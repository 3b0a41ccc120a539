import { ImportOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Flex, Input, Modal, Row, Select, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { calendarApi } from '../../api/admin';
import { ApiError } from '../../api/client';
import { DAY_KIND_LABELS } from '../../api/labels';
import type { CalendarDay } from '../../api/types';
import { useAsync } from '../../lib/useAsync';
import { arrangementProblem, calendarChanges, type DayChange, parseDates } from './calendarImport';

const COLORS: Record<CalendarDay['kind'], { bg: string; fg: string }> = {
  workday: { bg: '#ffffff', fg: '#1f1f1f' },
  weekend: { bg: '#f0f0f0', fg: '#595959' },
  holiday: { bg: '#fff1f0', fg: '#cf1322' },
  makeup: { bg: '#e6f4ff', fg: '#0958d9' },
};
const SOURCE_LABELS: Record<string, string> = {
  imported: '管理员导入',
  edited: '管理员逐日修改',
  'chinese-days': '系统内置的国务院放假安排',
  provisional: '暂定安排（只含法定节日，不含调休；国务院公布后请导入正式安排）',
};
const WEEK = ['一', '二', '三', '四', '五', '六', '日'];

function Month({
  month,
  days,
  onPick,
}: {
  month: number;
  days: CalendarDay[];
  onPick: (d: CalendarDay) => void;
}) {
  const first = dayjs(days[0]?.date);
  const offset = (first.day() + 6) % 7;
  return (
    <Card size="small" title={`${month} 月`} styles={{ body: { padding: 8 } }}>
      <div
        style={{
          display: 'grid',
          gridTemplateColumns: 'repeat(7, 1fr)',
          gap: 2,
          textAlign: 'center',
          fontSize: 12,
        }}
      >
        {WEEK.map((w) => (
          <Typography.Text key={w} type="secondary" style={{ fontSize: 11 }}>
            {w}
          </Typography.Text>
        ))}
        {Array.from({ length: offset }, (_, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: blank cells before the 1st
          <span key={`blank-${i}`} />
        ))}
        {days.map((d) => (
          <button
            key={d.date}
            type="button"
            onClick={() => onPick(d)}
            title={`${d.date} ${DAY_KIND_LABELS[d.kind]}${d.name ? ` · ${d.name}` : ''}`}
            aria-label={`${d.date} ${DAY_KIND_LABELS[d.kind]}${d.name ? ` ${d.name}` : ''}`}
            style={{
              border: '1px solid #f0f0f0',
              borderRadius: 4,
              padding: '3px 0',
              cursor: 'pointer',
              background: COLORS[d.kind].bg,
              color: COLORS[d.kind].fg,
              fontWeight: d.kind === 'holiday' || d.kind === 'makeup' ? 600 : 400,
            }}
          >
            {Number(d.date.slice(8))}
          </button>
        ))}
      </div>
    </Card>
  );
}

function ImportModal({
  year,
  current,
  onClose,
  onDone,
}: {
  year: number;
  /** The year's days as held now; empty when the year is not held. */
  current: CalendarDay[];
  onClose: () => void;
  onDone: () => void;
}) {
  const [holidays, setHolidays] = useState('');
  const [makeup, setMakeup] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const { message, modal } = App.useApp();
  const save = async () => {
    const h = parseDates(holidays);
    const m = parseDates(makeup);
    if (h.error || m.error) return setError(h.error ?? m.error);
    const wrongYear = [...h.dates, ...m.dates].find((d) => !d.date.startsWith(String(year)));
    if (wrongYear) return setError(`${wrongYear.date} 不在 ${year} 年内。`);
    const problem = arrangementProblem(h.dates, m.dates);
    if (problem) return setError(problem);
    if (current.length > 0) {
      const changes = calendarChanges(current, h.dates, m.dates);
      if (changes.length === 0) {
        message.info(`与 ${year} 年现有的安排相同，没有改动。`);
        return onClose();
      }
      const confirmed = await modal.confirm({
        title: `替换 ${year} 年现有的安排？`,
        content: <ChangeList changes={changes} />,
        okText: `替换，改动 ${changes.length} 天`,
        cancelText: '返回修改',
      });
      if (!confirmed) return;
    }
    setBusy(true);
    try {
      const r = await calendarApi.importYear(year, { holidays: h.dates, makeupDays: m.dates });
      message.success(`已导入 ${year} 年的安排（${r.days} 天）`);
      onDone();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '导入失败');
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={`导入 ${year} 年节假日安排`}
      onCancel={onClose}
      onOk={save}
      okText="导入"
      confirmLoading={busy}
      width={640}
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12 }}
        title="按国务院办公厅发布的放假安排通知录入。每行一项：「2027-01-01 元旦」，连续放假可写「2027-02-10~2027-02-16 春节」。导入会替换该年已有的安排。"
      />
      <Typography.Text strong>放假日期</Typography.Text>
      <Input.TextArea
        rows={7}
        value={holidays}
        onChange={(e) => setHolidays(e.target.value)}
        aria-label="放假日期"
        placeholder={`${year}-01-01 元旦\n${year}-02-10~${year}-02-16 春节`}
      />
      <Typography.Text strong style={{ display: 'block', marginTop: 12 }}>
        调休上班日期
      </Typography.Text>
      <Input.TextArea
        rows={3}
        value={makeup}
        onChange={(e) => setMakeup(e.target.value)}
        aria-label="调休上班日期"
        placeholder={`${year}-02-07 春节调休`}
      />
      {error && <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} />}
    </Modal>
  );
}

const SHOWN_CHANGES = 12;

/** The days an import changes, as the confirmation lists them (the first dozen, then how many more). */
function ChangeList({ changes }: { changes: DayChange[] }) {
  return (
    <div>
      <Typography.Paragraph>
        以下日期将按导入的安排改变（逐日修改过的日期同样会被覆盖）。已经给出的办理期限不变，此后开始计算的期限按新的安排计算。
      </Typography.Paragraph>
      <ul aria-label="将改动的日期" style={{ paddingLeft: 20, margin: 0 }}>
        {changes.slice(0, SHOWN_CHANGES).map((c) => (
          <li key={c.date}>
            {c.date}：{DAY_KIND_LABELS[c.from]} → {DAY_KIND_LABELS[c.to]}
            {c.name ? `（${c.name}）` : ''}
          </li>
        ))}
      </ul>
      {changes.length > SHOWN_CHANGES && (
        <Typography.Text type="secondary">另有 {changes.length - SHOWN_CHANGES} 天。</Typography.Text>
      )}
    </div>
  );
}

/** The working-day calendar: a year at a glance; a click switches a day; a year can be imported. */
export default function CalendarPage() {
  const { modal, message } = App.useApp();
  const thisYear = dayjs().year();
  const [year, setYear] = useState(thisYear);
  const [importing, setImporting] = useState(false);
  const years = useAsync(() => calendarApi.years(), 'years');
  const cal = useAsync(() => calendarApi.year(year), String(year));
  const yearOptions = [
    ...new Set([thisYear - 1, thisYear, thisYear + 1, ...(years.data?.years.map((y) => y.year) ?? [])]),
  ].sort();
  const known = years.data?.years.find((y) => y.year === year);
  const missing = years.data?.missing.includes(year);

  const pick = (d: CalendarDay) => {
    const toWorking = !d.working;
    let name = d.name ?? '';
    modal.confirm({
      title: `将 ${d.date} 设为${toWorking ? '上班' : '休息'}?`,
      content: (
        <Input
          defaultValue={name}
          placeholder={toWorking ? '如：国庆节调休' : '如：国庆节'}
          onChange={(e) => {
            name = e.target.value;
          }}
          aria-label="说明"
        />
      ),
      okText: toWorking ? '设为上班' : '设为休息',
      cancelText: '取消',
      onOk: async () => {
        try {
          await calendarApi.setDay(d.date, toWorking, name.trim() || null);
          message.success(`${d.date} 已设为${toWorking ? '上班' : '休息'}`);
          await cal.reload();
        } catch (e) {
          message.error(e instanceof ApiError ? e.message : '修改失败');
        }
      },
    });
  };

  // Before the State Council publishes next year's arrangement, the office cannot wait: the days
  // the law fixes are known, the bridging days and 调休 are not.
  const provisional = () =>
    modal.confirm({
      title: `生成 ${year} 年暂定安排？`,
      content:
        '按《全国年节及纪念日放假办法》只放法定节日：元旦、春节（除夕至初三）、清明、劳动节两天、端午、中秋、国庆三天，其余周末休息，不含调休。暂定期间各页仍提醒导入正式安排；国务院办公厅公布后请立即导入，已经给出的期限不变。',
      okText: '生成暂定安排',
      cancelText: '取消',
      onOk: async () => {
        try {
          const r = await calendarApi.provisionalYear(year);
          message.success(`已生成 ${year} 年暂定安排（${r.days} 天）`);
          await Promise.all([years.reload(), cal.reload()]);
        } catch (e) {
          message.error(e instanceof ApiError ? e.message : '生成失败');
        }
      },
    });

  // Only the chosen year's days: while another year loads (or is missing), nothing clickable of
  // the previous one stays on screen.
  const shown = (cal.data?.days ?? []).filter((d) => d.date.startsWith(`${year}-`));
  const months = Array.from({ length: 12 }, (_, i) =>
    shown.filter((d) => Number(d.date.slice(5, 7)) === i + 1),
  );

  return (
    <Card
      title={
        <Typography.Title level={4} style={{ margin: 0 }}>
          工作日历
        </Typography.Title>
      }
      extra={
        <Space>
          <Select
            value={year}
            onChange={setYear}
            options={yearOptions.map((y) => ({ value: y, label: `${y} 年` }))}
            aria-label="年份"
          />
          {(!known || known.source === 'provisional') && (
            <Button onClick={provisional}>生成 {year} 年暂定安排</Button>
          )}
          <Button type="primary" icon={<ImportOutlined />} onClick={() => setImporting(true)}>
            导入 {year} 年安排
          </Button>
        </Space>
      }
    >
      {years.data?.warning && (
        <Alert type="warning" showIcon title={years.data.warning} style={{ marginBottom: 12 }} />
      )}
      <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }}>
        {(Object.keys(COLORS) as CalendarDay['kind'][]).map((k) => (
          <Tag key={k} style={{ background: COLORS[k].bg, color: COLORS[k].fg, borderColor: '#d9d9d9' }}>
            {DAY_KIND_LABELS[k]}
          </Tag>
        ))}
        <Typography.Text type="secondary">
          {known
            ? `${year} 年安排来源：${SOURCE_LABELS[known.source] ?? known.source}`
            : missing
              ? `${year} 年尚未录入节假日安排`
              : ''}
          。点击某一天可切换上班/休息。
        </Typography.Text>
      </Flex>
      {cal.error && (
        <Alert
          type={cal.error.code === 'CALENDAR_YEAR_MISSING' ? 'warning' : 'error'}
          showIcon
          title={cal.error.message}
          description={
            cal.error.code === 'CALENDAR_YEAR_MISSING'
              ? '请点击右上角「导入」录入该年的节假日安排。'
              : undefined
          }
        />
      )}
      <Row gutter={[12, 12]}>
        {months.map((days, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the twelve months
          <Col key={i} xs={24} sm={12} md={8} xl={6}>
            {days.length > 0 && <Month month={i + 1} days={days} onPick={pick} />}
          </Col>
        ))}
      </Row>
      {importing && (
        <ImportModal
          year={year}
          current={known ? shown : []}
          onClose={() => setImporting(false)}
          onDone={() => {
            setImporting(false);
            void years.reload();
            void cal.reload();
          }}
        />
      )}
    </Card>
  );
}

import { DatePicker, Form, Input, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useFormSubmit } from '../../lib/useFormSubmit';
import { unitPicker, useUnits } from '../../lib/useUnits';
import { KIND_OPTIONS, type KnowledgeContent, type KnowledgeVersion, knowledgeApi } from './api';

interface Values {
  kind: KnowledgeContent['kind'];
  title: string;
  body: string;
  keywords?: string[];
  sourceDocument: string;
  sourceDate: Dayjs;
  validFrom: Dayjs;
  validUntil?: Dayjs | null;
  ownerUnitId?: number;
}

interface Props {
  /** The entry being revised (a new version), or none for a new entry. */
  base: KnowledgeVersion | null;
  /** The office proposes for any unit; a unit only for itself. */
  chooseOwner: boolean;
  onClose: (saved: boolean) => void;
}

const day = (d: Dayjs) => d.format('YYYY-MM-DD');

/** Proposing an entry, or a new version of one: it waits for the office's approval. */
export function ProposalForm({ base, chooseOwner, onClose }: Props) {
  const [form] = Form.useForm<Values>();
  const { busy, error, submit } = useFormSubmit(form, (f) => [f.replace(/^body\./, '')]);
  const units = useUnits();
  const save = async () => {
    const v = await form.validateFields();
    const content: KnowledgeContent = {
      kind: v.kind,
      title: v.title,
      body: v.body,
      keywords: v.keywords ?? [],
      categoryId: base?.categoryId ?? null,
      sourceDocument: v.sourceDocument,
      sourceDate: day(v.sourceDate),
      validFrom: day(v.validFrom),
      validUntil: v.validUntil ? day(v.validUntil) : null,
    };
    await submit(async () => {
      if (base) await knowledgeApi.proposeVersion(base.entryId, { ...content, version: base.entryVersion });
      else await knowledgeApi.propose({ ...content, ownerUnitId: v.ownerUnitId ?? null });
      onClose(true);
    });
  };
  return (
    <Modal
      open
      title={base ? `提出新版本：${base.title}` : '提出知识条目'}
      okText="提交审核"
      confirmLoading={busy}
      onOk={save}
      onCancel={() => onClose(false)}
      width={720}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        aria-label="知识条目表单"
        initialValues={
          base
            ? {
                kind: base.kind,
                title: base.title,
                body: base.body,
                keywords: base.keywords,
                sourceDocument: base.sourceDocument,
                sourceDate: dayjs(base.sourceDate),
                validFrom: dayjs(base.validFrom),
                validUntil: base.validUntil ? dayjs(base.validUntil) : null,
              }
            : { kind: 'faq' }
        }
      >
        {!base && chooseOwner && (
          <Form.Item
            name="ownerUnitId"
            label="所属单位"
            rules={[{ required: true, message: '请选择所属单位' }]}
          >
            <Select {...unitPicker(units)} />
          </Form.Item>
        )}
        <Form.Item name="kind" label="类型">
          <Select options={KIND_OPTIONS} />
        </Form.Item>
        <Form.Item name="title" label="标题" rules={[{ required: true, message: '请填写标题' }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item
          name="body"
          label="内容"
          extra="写明政策规定或答复口径本身。"
          rules={[{ required: true, message: '请填写内容' }]}
        >
          <Input.TextArea rows={6} maxLength={8000} showCount />
        </Form.Item>
        <Form.Item
          name="keywords"
          label="群众常用说法（关键词）"
          extra="群众打电话时常说、但标题和内容里没有的词（如「吃低保」「光荣证」），输入后按回车或用顿号、逗号隔开；检索时与标题同等看待。"
        >
          <Select
            mode="tags"
            tokenSeparators={['、', ',', '，', ';', '；', ' ']}
            open={false}
            aria-label="群众常用说法（关键词）"
          />
        </Form.Item>
        <Form.Item
          name="sourceDocument"
          label="出处（文件名称及文号）"
          rules={[{ required: true, message: '请写明出处' }]}
        >
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="sourceDate" label="发布日期" rules={[{ required: true, message: '请选择发布日期' }]}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="validFrom" label="有效期起" rules={[{ required: true, message: '请选择生效日期' }]}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="validUntil" label="有效期止（长期有效可不填）">
          <DatePicker />
        </Form.Item>
      </Form>
      {error && <div style={{ color: '#ff4d4f' }}>{error}</div>}
    </Modal>
  );
}

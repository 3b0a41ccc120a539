import { DownloadOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useSearchParams } from 'react-router';

/** 导出 Excel: the order list as it is filtered in the address bar (every page, not just this one). */
export function OrderExportButton({ fixed = {} }: { fixed?: Record<string, string | undefined> }) {
  const [params] = useSearchParams();
  const p = new URLSearchParams(params);
  p.delete('page');
  p.delete('pageSize');
  for (const [k, v] of Object.entries(fixed)) if (v) p.set(k, v);
  const s = p.toString();
  return (
    <Button icon={<DownloadOutlined />} href={`/api/exports/work-orders.xlsx${s ? `?${s}` : ''}`} download>
      导出 Excel
    </Button>
  );
}

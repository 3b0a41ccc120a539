import { Button, Popover } from 'antd';

const KEYS: Array<[string, string]> = [
  ['Enter', '到下一项；下拉列表打开时选中当前项'],
  ['↓ / 空格', '打开下拉列表'],
  ['Alt+1 / 2 / 3', '采用派单助手推荐的第 1 / 2 / 3 个牵头单位（登记页为分类）'],
  ['Alt+Shift+1 / 2 / 3', '采用派单助手推荐的第 1 / 2 / 3 个诉求分类'],
  ['Ctrl+Enter', '提交'],
  ['Tab / Shift+Tab', '前后移动'],
  ['Esc', '关闭下拉或对话框'],
];

/** A small 「快捷键」 link listing the form's keys. */
export function ShortcutHelp() {
  return (
    <Popover
      title="快捷键"
      trigger="click"
      content={
        <dl style={{ margin: 0, display: 'grid', gridTemplateColumns: 'auto auto', gap: '4px 12px' }}>
          {KEYS.map(([key, what]) => (
            <div key={key} style={{ display: 'contents' }}>
              <dt>
                <kbd>{key}</kbd>
              </dt>
              <dd style={{ margin: 0 }}>{what}</dd>
            </div>
          ))}
        </dl>
      }
    >
      <Button type="link" size="small">
        快捷键
      </Button>
    </Popover>
  );
}

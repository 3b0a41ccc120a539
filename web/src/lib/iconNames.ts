// Ant Design's icons name themselves in English for screen readers (`<span role="img"
// aria-label="search">`), inside its own controls too (the pagination's arrows, the search button,
// the select's arrow). A button then reads 「user 林巧云」 or just 「left」 on a Chinese page. This
// keeps the icons out of the names: an icon beside a control's own words is hidden from screen
// readers, and a control with nothing but an icon is named in Chinese (by its title, else by what
// the icon shows).

/** What an icon-only control does, by the icon's name. */
const CONTROL_NAMES: Record<string, string> = {
  left: '上一页',
  right: '下一页',
  'double-left': '向前 5 页',
  'double-right': '向后 5 页',
  search: '搜索',
  close: '关闭',
  'close-circle': '清除',
  reload: '刷新',
  'arrow-left': '返回',
  menu: '菜单',
  down: '展开',
  up: '收起',
  swap: '切换',
  calendar: '选择日期',
  'clock-circle': '选择时间',
  delete: '删除',
  edit: '编辑',
  plus: '添加',
  eye: '显示',
  'eye-invisible': '隐藏',
};

// Only where a name is allowed (an `a` without href is no link: antd's 向后 5 页 is named by its item's title).
const CONTROL = 'button, a[href], [role="button"], [role="menuitem"], [role="tab"], [role="switch"]';

function nameIcon(icon: Element): void {
  const name = icon.getAttribute('aria-label') ?? '';
  if (!/^[a-z-]+$/.test(name)) return;
  const control = icon.closest(CONTROL);
  icon.setAttribute('aria-hidden', 'true');
  if (!control || control.getAttribute('aria-label') || control.getAttribute('aria-labelledby')) return;
  const words = (control.textContent ?? '').trim();
  if (words) return;
  const title = control.getAttribute('title') ?? control.closest('[title]')?.getAttribute('title');
  const label = title || CONTROL_NAMES[name];
  if (label) control.setAttribute('aria-label', label);
}

function nameIconsIn(root: ParentNode): void {
  for (const icon of root.querySelectorAll('.anticon[role="img"][aria-label]')) nameIcon(icon);
}

/** Installs it once for the whole app: icons drawn now and later. */
export function nameIconsInChinese(): void {
  const observer = new MutationObserver((changes) => {
    for (const change of changes) {
      for (const node of change.addedNodes) {
        if (!(node instanceof Element)) continue;
        if (node.matches('.anticon[role="img"][aria-label]')) nameIcon(node);
        else nameIconsIn(node);
      }
    }
  });
  observer.observe(document.documentElement, { childList: true, subtree: true });
  nameIconsIn(document);
}

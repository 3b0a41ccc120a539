import { OFFLINE_COPY_HEADER } from '../offline/cacheRoutes';

// Building blocks of the screens the start-up script draws before the app has loaded
// (queueView.ts on a phone, deskView.ts on a desk): plain DOM with Ant Design's own classes,
// whose stylesheet is already in the page.

export type Child = Node | string | null | undefined;

export function el(tag: string, attrs: Record<string, string>, ...children: Child[]): HTMLElement {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (name === 'style') node.style.cssText = value;
    else node.setAttribute(name, value);
  }
  for (const child of children) if (child != null) node.append(child);
  return node;
}

/** Ant Design's Typography.Text. */
export const text = (style: string, ...children: Child[]) =>
  el('span', { class: 'ant-typography huiyin', style }, ...children);

/** Ant Design's Typography.Text type="secondary". */
export const secondary = (style: string, ...children: Child[]) =>
  el('span', { class: 'ant-typography ant-typography-secondary huiyin', style }, ...children);

/** Adds the app's own style objects (e.g. features/workbench/tileStyles.ts) to a drawn element. */
export function styled<T extends HTMLElement>(
  node: T,
  style: Partial<Record<keyof CSSStyleDeclaration, string>>,
): T {
  Object.assign(node.style, style);
  return node;
}

/** An answer a view may draw: the server's own (never the worker's offline copy), read as JSON. */
export async function readable<T>(answer: Promise<Response> | undefined): Promise<T | null> {
  const response = await answer?.catch(() => null);
  if (!response?.ok || response.headers.get(OFFLINE_COPY_HEADER)) return null;
  try {
    return (await response.clone().json()) as T;
  } catch {
    return null;
  }
}

/** The card the queue sits in (QueueTabs.tsx): its title over its body. */
export function queueCard(title: string, bodyPadding: number, ...body: Child[]): HTMLElement {
  return el(
    'div',
    { class: 'ant-card ant-card-bordered huiyin' },
    el(
      'div',
      { class: 'ant-card-head' },
      el(
        'div',
        { class: 'ant-card-head-wrapper' },
        el(
          'div',
          { class: 'ant-card-head-title' },
          el('h4', { class: 'ant-typography huiyin', style: 'margin:0' }, title),
        ),
      ),
    ),
    el('div', { class: 'ant-card-body', style: `padding:${bodyPadding}px` }, ...body),
  );
}

/** The full-screen layer a drawn screen sits in, over the app as it loads underneath. */
export const overlay = (...children: Child[]) =>
  el(
    'div',
    {
      class: 'ant-app huiyin',
      style: 'position:fixed;inset:0;z-index:1000;overflow:auto;background:#f5f6f8',
    },
    el('div', { class: 'ant-layout huiyin', style: 'min-height:100vh' }, ...children),
  );

/** An empty first page: said, not left blank (the app then shows its own empty list). */
export const emptyNote = () =>
  el(
    'span',
    {
      class: 'ant-typography huiyin',
      'data-empty': '',
      style: 'display:block;text-align:center;padding:16px;color:rgba(0,0,0,0.45)',
    },
    '暂无工单',
  );

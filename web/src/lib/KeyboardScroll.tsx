import { type ReactNode, useEffect, useRef } from 'react';

/**
 * A table wider than the screen scrolls sideways in its own region (Ant Design's
 * `.ant-table-content`, or `.ant-table-body` under a sticky header). A keyboard can scroll that
 * region only if something in it takes focus; an empty table, a failed load or a table of plain
 * text has nothing, and on a phone its columns would be out of reach (WCAG 2.1.1; axe's
 * scrollable-region-focusable). So the region itself takes focus, named for a screen reader.
 */
export function KeyboardScroll({ label, children }: { label: string; children: ReactNode }) {
  const box = useRef<HTMLDivElement>(null);
  // After every render: the table draws its region again when it switches between loading, empty and rows.
  useEffect(() => {
    for (const region of box.current?.querySelectorAll<HTMLElement>('.ant-table-content, .ant-table-body') ??
      []) {
      region.tabIndex = 0;
      region.setAttribute('role', 'region');
      region.setAttribute('aria-label', label);
    }
  });
  return <div ref={box}>{children}</div>;
}

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { APP_ENTRY_LINK, EARLY_RAN_FLAG, HOME_READ_PREFIX, HOME_READS_KEY } from '../../web/src/api/early';

// The app page asks for the kept home reads in a few inline lines (no module can be imported
// there); they must read the same key, and take only the same addresses, as the start-up script.
// Its other inline lines start the app should the start-up script not have run.
describe("the app page's inline early reads", () => {
  const page = readFileSync('web/index.html', 'utf8');
  const inline = [...page.matchAll(/<script>([\s\S]*?)<\/script>/g)].map(([, text]) => text);

  it('read the kept addresses the start-up script keeps, and only order lists', () => {
    expect(inline).toHaveLength(2);
    expect(inline[0]).toContain(`localStorage.getItem('${HOME_READS_KEY}')`);
    expect(inline[0]).toContain(`url.startsWith('${HOME_READ_PREFIX}')`);
  });

  it('start the app only when the start-up script did not run, from the same entry link as it', () => {
    expect(inline[1]).toContain(`document.querySelector('${APP_ENTRY_LINK}')`);
    expect(inline[1]).toContain(`!window.${EARLY_RAN_FLAG} && entry`);
  });
});

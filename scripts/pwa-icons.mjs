// Draws the installed app's icons (web/public/icon-*.png) from one SVG, in Chromium: run it again
// only when the icon changes (the PNGs are committed, so a build needs no browser).
import { writeFileSync } from 'node:fs';
import { chromium } from '@playwright/test';

// 「回」 on the app's blue; the maskable variant keeps the glyph inside the safe circle (80%).
const svg = (
  size,
  maskable,
) => `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 100 100">
  <rect width="100" height="100" rx="${maskable ? 0 : 20}" fill="#1668dc"/>
  <text x="50" y="${maskable ? 64 : 69}" font-size="${maskable ? 44 : 58}" text-anchor="middle" fill="#fff"
    font-family="Noto Sans CJK SC, Noto Serif CJK SC, sans-serif" font-weight="700">回</text>
</svg>`;

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage();
for (const [name, size, maskable] of [
  ['icon-192.png', 192, false],
  ['icon-512.png', 512, false],
  ['icon-maskable-512.png', 512, true],
  ['apple-touch-icon.png', 180, true],
]) {
  await page.setViewportSize({ width: size, height: size });
  await page.setContent(`<body style="margin:0">${svg(size, maskable)}</body>`);
  writeFileSync(`web/public/${name}`, await page.screenshot({ omitBackground: true }));
}
await browser.close();

import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { antdStyleSheet } from './antd-style';
import { apiCaches } from './src/offline/cacheRoutes';

const root = fileURLToPath(new URL('.', import.meta.url));

/** In development, /login is the sign-in page, as the server (src/server/plugins/web-app.ts) serves it. */
const signInPageInDev: Plugin = {
  name: 'huiyin-sign-in-page',
  configureServer(server) {
    server.middlewares.use((req, _res, next) => {
      if (req.url === '/login' || req.url?.startsWith('/login?')) req.url = `/login.html${req.url.slice(6)}`;
      next();
    });
  },
};

/**
 * Writes Ant Design's component styles for the app's theme (web/antd-style.ts) before the app is
 * built or served; main.tsx imports them. Generated, not committed: they follow antd's version.
 */
const antdStyles: Plugin = {
  name: 'huiyin-antd-styles',
  buildStart() {
    writeFileSync(`${root}src/app/antd.generated.css`, antdStyleSheet());
  },
};

/**
 * Puts the start-up script (src/early.ts, its own entry) first in index.html, `async`: it runs as
 * soon as it has arrived, before the app's libraries and stylesheet, which is its whole point.
 * (A second script in the HTML itself would be merged into the app's entry and run after them.)
 */
const earlyScript: Plugin = {
  name: 'huiyin-early-script',
  transformIndexHtml: {
    order: 'post',
    handler(html, ctx) {
      if (!ctx.filename.endsWith('index.html')) return html;
      const built = ctx.bundle
        ? Object.values(ctx.bundle).find((c) => c.type === 'chunk' && c.isEntry && c.name === 'early')
        : undefined;
      if (ctx.bundle && !built) throw new Error('the start-up script (src/early.ts) was not built');
      const src = built ? `/${built.fileName}` : '/src/early.ts';
      return {
        html: ctx.bundle ? heldBack(html) : html,
        tags: [
          {
            tag: 'script',
            attrs: { type: 'module', async: true, crossorigin: true, src },
            injectTo: 'head-prepend',
          },
        ],
      };
    },
  },
};

/** A module script of the built page, one of the app's files. */
const MODULE_SCRIPT = /<script type="module" crossorigin src="(\/assets\/[^"]+\.js)"><\/script>/g;

/**
 * The built page fetches the app's files at once but does not run them: each `<script>` becomes a
 * `<link rel="modulepreload">` (downloaded and compiled, not run), and the start-up script runs the
 * app's entry (`data-app-entry`) when the first screen has had its chance (src/early.ts). Run
 * straight away, the libraries held the page's one thread for most of a second on a phone, and
 * the start-up script's drawing, its answer already in, waited behind them.
 */
function heldBack(html: string): string {
  const scripts = [...html.matchAll(MODULE_SCRIPT)]
    .map((m) => m[1] as string)
    .filter((src) => !/\/assets\/early-/.test(src));
  // Vite writes the entry's own file last, after the files it imports.
  const entry = scripts.at(-1);
  if (!entry) throw new Error("index.html runs no script of the app's");
  return html.replace(MODULE_SCRIPT, (tag, src) =>
    scripts.includes(src)
      ? `<link rel="modulepreload" crossorigin href="${src}"${src === entry ? ' data-app-entry' : ''}>`
      : tag,
  );
}

// The app lives in web/; the server (npm start) serves web/dist at /, and in development
// Vite proxies the API to a server running on its default port.
export default defineConfig({
  root,
  plugins: [
    react(),
    antdStyles,
    signInPageInDev,
    earlyScript,
    // An installable app for liaisons on a weak signal (issue 13 item 5): the service worker
    // keeps the app shell (hashed assets, precached) and the last answers of the unit's queue and
    // of the orders opened recently (see src/offline/cacheRoutes.ts); docs/operations.md 「离线使用」.
    VitePWA({
      // Registered by the signed-in shell (src/offline/register.ts), never by the sign-in page.
      injectRegister: null,
      registerType: 'autoUpdate',
      manifest: {
        name: '回音 12345 工单系统',
        short_name: '回音',
        description: '12345 市民服务热线工单承办系统',
        lang: 'zh-CN',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        background_color: '#f5f6f8',
        theme_color: '#1668dc',
        icons: [
          { src: '/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: '/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,png,svg,woff2}'],
        // The statistics charts (ECharts) are for the office at a desk: not downloaded onto phones.
        globIgnores: ['**/Chart-*.js'],
        maximumFileSizeToCacheInBytes: 3 * 1024 * 1024,
        navigateFallback: '/index.html',
        // The API, the print pages and Open311 are the server's, never the app shell; /login is
        // the sign-in page (login.html, precached: /login?next=… finds it, `next` being ignored).
        navigateFallbackDenylist: [/^\/api\//, /^\/print\//, /^\/open311\//, /^\/login/],
        ignoreURLParametersMatching: [/^utm_/, /^fbclid$/, /^next$/],
        cleanupOutdatedCaches: true,
        clientsClaim: true,
        skipWaiting: true,
        runtimeCaching: apiCaches(),
      },
    }),
  ],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      // Two pages: the app, and the sign-in page that loads none of it; and the app's start-up script.
      input: { app: `${root}index.html`, login: `${root}login.html`, early: `${root}src/early.ts` },
      output: {
        // On a slow link each start-up file is a request over one of six HTTP/1.1 connections at
        // 150 ms a round trip: what the app needs to start (entry, shell, home pages; modules the
        // entry imports statically, `$initial`) goes into two files, the libraries (changing
        // rarely) and the app's own code. Lazily loaded pages and the big optional parts (charts,
        // date picker, table) stay apart. One file also compresses better than thirty
        // (test/api/web-build.test.ts; docs/performance.md).
        codeSplitting: {
          groups: [
            {
              // Shared by the sign-in page, the app's start-up script (src/early.ts) and the app: a
              // few kilobytes, no library, so the sign-in page loads no more and the start-up
              // script runs (and draws a phone's queue) before the app's libraries have arrived.
              name: 'shared',
              priority: 1,
              test: /offline[\\/](apiCache|cacheRoutes)|modulepreload-polyfill|web[\\/]src[\\/](api[\\/](early|order-queries)|app[\\/](menuEntries|staleRelease)|features[\\/](workbench[\\/](queues|tileStyles)|orders[\\/](badges|filterFields)))\.ts|src[\\/]domain[\\/](workflow[\\/]states|deadline-text|time|order-sorts)\.ts/,
            },
            { name: 'startup-vendor', tags: ['$initial'], test: /node_modules|rolldown[\\/]runtime/ },
            {
              name: 'startup',
              tags: ['$initial'],
              test: (id) =>
                /web[\\/]src[\\/]/.test(id) && !/features[\\/]login|src[\\/]early(\.ts|[\\/])/.test(id),
            },
          ],
        },
      },
    },
  },
  server: {
    port: 5173,
    proxy: { '/api': 'http://localhost:8080' },
  },
});

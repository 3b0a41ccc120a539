import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { SESSION_COOKIE } from './auth.js';
import { notFound } from './errors.js';

/** Vite names every built asset by its content hash, so a given URL never changes its bytes. */
const HASHED_ASSET = /\/assets\/[^/]+-[\w-]{8,}\.[\w.]+$/;
const A_YEAR = 365 * 24 * 3600;
const IMMUTABLE = `public, max-age=${A_YEAR}, immutable`;

/**
 * Serves the built web app from `webDir`: hashed assets are cached by browsers for a year as
 * immutable (a township phone on a weak link loads them once), everything else — the pages, the
 * service worker and the manifest — is revalidated (`no-cache`) so a new release is seen at once.
 * `npm run build` writes brotli and gzip copies beside each asset (scripts/precompress.mjs); they
 * are sent as they are, so no request pays for compressing a 500 KB bundle.
 *
 * Two pages: `/login` is the sign-in page (web/login.html, no React), every other path the app
 * (index.html, whose router draws the page). A browser without a session cookie asking for a page
 * of the app is sent to the sign-in page at once, so it does not download the app only to be sent
 * there. Unknown API paths get a JSON 404.
 */
export async function registerWebApp(app: FastifyInstance, webDir: string | null): Promise<void> {
  const serveApp = webDir !== null && existsSync(webDir);
  if (serveApp) {
    await app.register(fastifyStatic, {
      root: resolve(webDir),
      wildcard: false,
      // `/` is a page of the app like any other (below), not the folder's index file.
      index: false,
      preCompressed: true,
      cacheControl: false,
      setHeaders(reply, path) {
        reply.header('cache-control', HASHED_ASSET.test(path) ? IMMUTABLE : 'no-cache');
      },
    });
    app.get('/login', { config: { access: 'public' } }, (_request, reply) => page(reply, 'login.html'));
  }
  app.setNotFoundHandler((request, reply) => {
    if (!serveApp || request.method !== 'GET' || request.url.startsWith('/api/'))
      return notFound(request, reply);
    if (!request.cookies[SESSION_COOKIE]) return reply.redirect(signInPage(request.url));
    return page(reply, 'index.html');
  });
}

function page(reply: FastifyReply, file: string) {
  return reply.header('cache-control', 'no-cache').sendFile(file);
}

/** The sign-in page, which brings the user back to `url` afterwards (web/src/features/login/target.ts). */
function signInPage(url: FastifyRequest['url']): string {
  return url === '/' ? '/login' : `/login?next=${encodeURIComponent(url)}`;
}

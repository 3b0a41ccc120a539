import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { SESSION_COOKIE } from './auth.js';
import { notFound } from './errors.js';
import { appPagePolicy } from './hardening.js';
import { inlineScriptsOf } from './inline-scripts.js';

/** Vite names every built asset by its content hash, so a given URL never changes its bytes. */
const HASHED_ASSET = /\/assets\/[^/]+-[\w-]{8,}\.[\w.]+$/;
const A_YEAR = 365 * 24 * 3600;
const IMMUTABLE = `public, max-age=${A_YEAR}, immutable`;
/** A file's address (it has an extension, or is a built asset): never answered with the app page. */
const FILE_PATH = /^\/assets\/|\.[\w]+$/;

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
 *
 * A release is a new build under the running server (`npm run build`), with no restart: files are
 * looked up when asked for, not listed at start, and the app page's policy follows the page. A file
 * that is not there — an asset of the release before, asked for by a page opened before it — is a
 * plain 404, never the app page in its place: the app sees a failed load and reloads itself
 * (web/src/app/PageErrorBoundary.tsx), where HTML given as a script would leave a blank page.
 */
export async function registerWebApp(
  app: FastifyInstance,
  webDir: string | null,
  https: boolean,
): Promise<void> {
  const serveApp = webDir !== null && existsSync(webDir);
  const inlineScripts = serveApp ? inlineScriptsOf(webDir) : () => [];
  let policyFor: { scripts: string[]; policy: string } | undefined;
  const appPage = (reply: FastifyReply): void => {
    const scripts = inlineScripts();
    if (policyFor?.scripts !== scripts) policyFor = { scripts, policy: appPagePolicy(https, scripts) };
    page(reply.header('content-security-policy', policyFor.policy), 'index.html');
  };
  if (serveApp) {
    await app.register(fastifyStatic, {
      root: resolve(webDir),
      // `/` is a page of the app like any other (below), not the folder's index file.
      index: false,
      preCompressed: true,
      cacheControl: false,
      setHeaders(reply, path) {
        reply.header('cache-control', HASHED_ASSET.test(path) ? IMMUTABLE : 'no-cache');
      },
    });
    app.get('/login', { config: { access: 'public' } }, (_request, reply) => {
      page(reply, 'login.html');
    });
    // The service worker keeps this copy for pages opened offline: it needs its policy too.
    app.get('/index.html', { config: { access: 'public' } }, (_request, reply) => {
      appPage(reply);
    });
    app.get('/', { config: { access: 'public' } }, (request, reply) => {
      appOrSignIn(request, reply);
    });
  }
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?', 1)[0] ?? '';
    if (!serveApp || request.method !== 'GET' || path.startsWith('/api/') || FILE_PATH.test(path))
      return notFound(request, reply);
    appOrSignIn(request, reply);
  });

  /** A page of the app: the app itself, or first the sign-in page for a browser without a session. */
  function appOrSignIn(request: FastifyRequest, reply: FastifyReply): void {
    if (!request.cookies[SESSION_COOKIE]) reply.redirect(signInPage(request.url));
    else appPage(reply);
  }
}

/**
 * Sends a page as a file stream. Not returned to Fastify (as @fastify/static's own examples do):
 * a reply returned before its stream ends is awaited too, one more listener on the response
 * beside the stream's own, which Node then warns about as a possible leak.
 */
function page(reply: FastifyReply, file: string): void {
  reply.header('cache-control', 'no-cache').sendFile(file);
}

/** The sign-in page, which brings the user back to `url` afterwards (web/src/features/login/target.ts). */
function signInPage(url: FastifyRequest['url']): string {
  return url === '/' ? '/login' : `/login?next=${encodeURIComponent(url)}`;
}

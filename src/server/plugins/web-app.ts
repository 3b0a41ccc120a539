import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { notFound } from './errors.js';

/** Vite names every built asset by its content hash, so a given URL never changes its bytes. */
const HASHED_ASSET = /\/assets\/[^/]+-[\w-]{8,}\.[\w.]+$/;
const A_YEAR = 365 * 24 * 3600;

/**
 * Serves the built web app from `webDir`: hashed assets are cached by browsers for a year as
 * immutable (a township phone on a weak link loads them once), everything else — index.html
 * above all — is revalidated so a new release is seen at once. `npm run build` writes brotli
 * and gzip copies beside each asset (scripts/precompress.mjs); they are sent as they are, so no
 * request pays for compressing a 500 KB bundle. Client-side routes get the app's page; unknown
 * API paths a JSON 404.
 */
export async function registerWebApp(app: FastifyInstance, webDir: string | null): Promise<void> {
  const serveApp = webDir !== null && existsSync(webDir);
  if (serveApp) {
    await app.register(fastifyStatic, {
      root: resolve(webDir),
      wildcard: false,
      preCompressed: true,
      cacheControl: false,
      setHeaders(reply, path) {
        reply.header(
          'cache-control',
          HASHED_ASSET.test(path) ? `public, max-age=${A_YEAR}, immutable` : 'no-cache',
        );
      },
    });
  }
  app.setNotFoundHandler((request, reply) => {
    if (serveApp && request.method === 'GET' && !request.url.startsWith('/api/'))
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    return notFound(request, reply);
  });
}

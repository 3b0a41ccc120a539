import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** An inline `<script>` (one without `src`) and its text, exactly as the page holds it. */
const INLINE_SCRIPT = /<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g;

/**
 * The Content-Security-Policy sources that let the app page's own inline scripts run, by hash
 * (`'sha256-…'`): web/index.html asks for the home page's first reads while the browser is still
 * reading the page, before any script file could. Taken from the built page when the server
 * starts, so the policy allows exactly the scripts of the page it serves; a page rebuilt under a
 * running server loses only that head start (the start-up script asks instead).
 */
export function inlineScriptSources(webDir: string | null): string[] {
  const page = webDir === null ? null : join(webDir, 'index.html');
  if (page === null || !existsSync(page)) return [];
  const html = readFileSync(page, 'utf8');
  return [...html.matchAll(INLINE_SCRIPT)].map(([, text]) => `'sha256-${sha256(text ?? '')}'`);
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('base64');

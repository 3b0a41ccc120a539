import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** An inline `<script>` (one without `src`) and its text, exactly as the page holds it. */
const INLINE_SCRIPT = /<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g;

/**
 * The Content-Security-Policy sources that let the app page's own inline scripts run, by hash
 * (`'sha256-…'`): web/index.html asks for the home page's first reads while the browser is still
 * reading the page, before any script file could. Read from the page being served, and read again
 * when the file changes (a new build under a running server), so the policy always allows exactly
 * the scripts of the page it goes with and a release needs no restart.
 */
export function inlineScriptsOf(webDir: string): () => string[] {
  const page = join(webDir, 'index.html');
  let seen = '';
  let sources: string[] = [];
  return () => {
    const stat = statSync(page, { throwIfNoEntry: false });
    const stamp = stat ? `${stat.mtimeMs}:${stat.size}` : '';
    if (stamp !== seen) {
      seen = stamp;
      sources = stat ? scriptSourcesIn(readFileSync(page, 'utf8')) : [];
    }
    return sources;
  };
}

function scriptSourcesIn(html: string): string[] {
  return [...html.matchAll(INLINE_SCRIPT)].map(([, text]) => `'sha256-${sha256(text ?? '')}'`);
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('base64');

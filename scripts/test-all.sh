#!/usr/bin/env bash
# `npm test`: every check and every test — lint, types, the suite on SQLite, the same suite on
# PostgreSQL, and the browser tests in Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "== lint ==" && npx biome check .
echo "== typecheck ==" && npx tsc --noEmit
echo "== tests on SQLite ==" && npx vitest run
echo "== tests on PostgreSQL ==" && bash scripts/with-postgres.sh npx vitest run
if [ -f e2e/playwright.config.ts ]; then
  echo "== browser tests (Chromium) ==" && npm run build && npx playwright test -c e2e/playwright.config.ts
fi
echo "all test suites passed"

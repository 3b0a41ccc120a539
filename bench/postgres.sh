#!/usr/bin/env bash
# Starts this machine's PostgreSQL as scripts/with-postgres.sh does, lets the test role create
# the benchmark's databases (huiyin_bench_<name>), and prints the URL of its maintenance database.
set -euo pipefail
# Two benches at once (npm run bench:pair) must not alter the role at the same moment:
# PostgreSQL refuses the second with "tuple concurrently updated", and that bench went without it.
exec 9>/tmp/huiyin-bench-postgres.lock
flock 9
bash "$(dirname "$0")/../scripts/with-postgres.sh" true >&2
runuser -u postgres -- psql -v ON_ERROR_STOP=1 -qtAc "alter role huiyin createdb" >&2
flock -u 9
echo "postgres://huiyin:huiyin@localhost:5432/postgres"

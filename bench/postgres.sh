#!/usr/bin/env bash
# Starts this machine's PostgreSQL as scripts/with-postgres.sh does, lets the test role create
# the benchmark's databases (huiyin_bench_<name>), and prints the URL of its maintenance database.
set -euo pipefail
bash "$(dirname "$0")/../scripts/with-postgres.sh" true >&2
runuser -u postgres -- psql -v ON_ERROR_STOP=1 -qtAc "alter role huiyin createdb" >&2
echo "postgres://huiyin:huiyin@localhost:5432/postgres"

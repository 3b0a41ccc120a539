#!/usr/bin/env bash
# Runs a command against PostgreSQL: starts this machine's PostgreSQL 15 cluster when it is not
# running, makes sure the test role and a UTF-8 database exist, and exports TEST_DATABASE_URL.
# With TEST_DATABASE_URL already set, it uses that server as it is.
set -euo pipefail
if [ -z "${TEST_DATABASE_URL:-}" ]; then
  if ! pg_isready -q -h localhost -p 5432; then
    # Its messages ("Removed stale pid file." after an unclean shutdown) go to stderr: the
    # wrapped command's stdout is the caller's (the browser tests read `printenv` through it).
    pg_ctlcluster --skip-systemctl-redirect 15 main start >&2
    for _ in $(seq 1 30); do pg_isready -q -h localhost -p 5432 && break; sleep 1; done
  fi
  psql_admin() { runuser -u postgres -- psql -v ON_ERROR_STOP=1 -qtAc "$1"; }
  if [ "$(psql_admin "select 1 from pg_roles where rolname='huiyin'")" != "1" ]; then
    psql_admin "create role huiyin login password 'huiyin'"
  fi
  if [ "$(psql_admin "select 1 from pg_database where datname='huiyin_test'")" != "1" ]; then
    psql_admin "create database huiyin_test owner huiyin encoding 'UTF8' lc_ctype 'C.UTF-8' lc_collate 'C.UTF-8' template template0"
  fi
  export TEST_DATABASE_URL=postgres://huiyin:huiyin@localhost:5432/huiyin_test
fi
exec "$@"

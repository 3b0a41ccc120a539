#!/usr/bin/env bash
# Measures a change against the machine's drift: the bench of another revision and the bench of
# this working tree run at the same moment, each with its own data sets (BENCH_TAG), so both see
# the same machine. On this virtual machine a rate moves 10-15 % within an hour, more than most
# changes; two runs side by side share that drift, and their rates can be compared. Each gets
# about half the machine, so compare the two rates with each other, never with a lone run; the
# CPU per action of PostgreSQL counts both servers' work there and is not comparable either.
#
#   npm run bench:pair -- REV [bench options]      e.g. npm run bench:pair -- HEAD~1 --db postgres
#
# Options default to the workflow alone, 10 users, on both databases. REV is checked out into a
# worktree under data/bench/pair (its node_modules linked to this checkout's), kept for the next run.
set -euo pipefail
rev=${1:?usage: bench/pair.sh REV [bench options]}
shift
options=("$@")
if [ ${#options[@]} -eq 0 ]; then
  options=(--db sqlite,postgres --concurrency 10 --skip web,whatif,data,reads,dashboard,export,assistant,watcher)
fi
root=$(git rev-parse --show-toplevel)
other="$root/data/bench/pair"
mkdir -p "$root/data/bench"
# A worktree whose folder was removed (data/ cleared) is forgotten first.
git -C "$root" worktree prune
if [ ! -d "$other" ]; then git -C "$root" worktree add --detach -q "$other" "$rev"; fi
git -C "$other" checkout -q --detach "$rev"
[ -e "$other/node_modules" ] || ln -s "$root/node_modules" "$other/node_modules"
label=$(git -C "$other" rev-parse --short HEAD)
out="$root/data/bench/pair-$(date -u +%Y%m%dT%H%M%S)"
echo "bench of $label (A) and of this working tree (B), side by side: $out-{A,B}.txt"
(cd "$other" && BENCH_TAG=pair_a npx tsx bench/run.ts "${options[@]}" >"$out-A.txt" 2>&1) &
(cd "$root" && BENCH_TAG=pair_b npx tsx bench/run.ts "${options[@]}" >"$out-B.txt" 2>&1) &
wait
for side in A B; do
  echo "== $side"
  grep -E 'workflow throughput over HTTP|workflow [0-9]+ actions/s' "$out-$side.txt" | sed 's/^\[ *[0-9]* s\] *//'
done

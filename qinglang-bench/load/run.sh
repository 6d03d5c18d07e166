#!/usr/bin/env bash
# Load on the governance server from a second process on loopback (wrk; Debian: apt-get install wrk).
# Starts the server from the jar on a fresh data directory (H2) or a fresh PostgreSQL database, makes an
# API key through the console as admin, runs wrk against /api/v1/text/check and /api/v1/events, and stops.
#   qinglang-bench/load/run.sh [h2|pg] [seconds]      (pg: createdb/dropdb on localhost as postgres)
#   WARMUP=60 (seconds of check load before measuring: the JIT needs about a minute), EVENTS_WARMUP=30 (seconds of
#   events load before measuring them; the intake's backlog from it stays, so the figure is a sustained one),
#   FLAGGED=1 (the share of comments the Moderator flags), CONNS=16, THREADS=2 (check),
#   SERVER_OPTS="-Xmx1g" (more options for the server's JVM)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$here/../.."
db="${1:-h2}"; secs="${2:-20}"; port="${PORT:-18181}"
jar="${QINGLANG_JAR:-$root/qinglang-app/target/qinglang.jar}"
[ -f "$jar" ] || (cd "$root" && ./mvnw -q -B -DskipTests -pl qinglang-app -am package)
data="$(mktemp -d)"; pass="load-$(date +%s)-password"
args=(serve --port "$port" --data "$data")
if [ "$db" = pg ]; then
  name="qinglang_load_$$"
  psql -q -U postgres -h localhost -c "create database $name" postgres
  args+=(--db "jdbc:postgresql://localhost:5432/$name")
fi
# one key carries all the load here: lift its rate limit (1,000/s by default) so that the server, not the
# limit, is what is measured
# shellcheck disable=SC2086
QINGLANG_ADMIN_PASSWORD="$pass" java ${SERVER_OPTS:-} -Dqinglang.limits.requests-per-second=1000000 -Dqinglang.limits.burst=1000000 \
  -jar "$jar" "${args[@]}" >"$data/serve.log" 2>&1 &
pid=$!
cleanup() {
  kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true
  [ "$db" = pg ] && psql -q -U postgres -h localhost -c "drop database if exists $name" postgres || true
  rm -rf "$data"
}
trap cleanup EXIT
b="http://localhost:$port"
for _ in $(seq 1 300); do curl -fsS "$b/actuator/health" >/dev/null 2>&1 && break; sleep 1; done
jar_="$data/cookies"
csrf() { grep -o 'name="_csrf" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"$//'; }
t=$(curl -s -c "$jar_" -b "$jar_" "$b/login" | csrf)
curl -s -o /dev/null -c "$jar_" -b "$jar_" --data-urlencode "username=admin" --data-urlencode "password=$pass" --data-urlencode "_csrf=$t" "$b/login"
t=$(curl -s -c "$jar_" -b "$jar_" "$b/console/admin/keys" | csrf)
KEY=$(curl -s -c "$jar_" -b "$jar_" --data-urlencode "name=load" -d "scopes=check&scopes=ingest&scopes=admin" --data-urlencode "_csrf=$t" \
  "$b/console/admin/keys" | grep -o 'qk_[0-9a-f]\{8\}_[A-Za-z0-9_-]\{43\}' | head -1)
export KEY
# the server's own CPU time per request, from /proc: a figure that a busy machine distorts far less than rates
cpu() { awk '{print $14+$15}' "/proc/$pid/stat"; }
per() { echo "server CPU: $(( ($2 - $1) * 1000 / $(getconf CLK_TCK) )) ms for $3 requests"; }
echo "== $(date -u +%FT%TZ) db=$db load average: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"
echo "== warm-up, ${WARMUP:-60}s"; wrk -t2 -c8 -d"${WARMUP:-60}s" -s "$here/check.lua" "$b" >/dev/null
echo "== /api/v1/text/check, ${CONNS:-16} connections, ${THREADS:-2} wrk threads, ${secs}s"
a=$(cpu); wrk -t"${THREADS:-2}" -c"${CONNS:-16}" -d"${secs}s" --latency -s "$here/check.lua" "$b" | tee "$data/wrk.txt"
per "$a" "$(cpu)" "$(grep -o '[0-9]* requests in' "$data/wrk.txt" | cut -d' ' -f1)"
# the events path has its own code to warm (parsing, inserts, the intake): the check warm-up does not do it
echo "== events warm-up, ${EVENTS_WARMUP:-30}s"
BATCH=1000 wrk -t2 -c4 -d"${EVENTS_WARMUP:-30}s" --timeout 30s -s "$here/events.lua" "$b" >/dev/null
echo "== /api/v1/events, batches of 1000, 4 connections, ${secs}s"
a=$(cpu); BATCH=1000 wrk -t2 -c4 -d"${secs}s" --timeout 30s --latency -s "$here/events.lua" "$b" | tee "$data/wrk.txt"
per "$a" "$(cpu)" "$(grep -o '[0-9]* requests in' "$data/wrk.txt" | cut -d' ' -f1) (batches of 1000)"
# flagged events committed but not yet filed into cases: what the intake has still to do
backlog() { curl -s -H "Authorization: Bearer $KEY" "$b/actuator/prometheus" | awk '/^qinglang_intake_backlog/ {print $2}'; }
echo "== intake backlog: $(backlog) flagged events at the end; $(sleep 10; backlog) ten seconds later"
echo "== load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

#!/usr/bin/env bash
# Compares GET /health of a freshly generated Express project (production
# settings: NODE_ENV=production, migrations applied, request logging on) with a
# bare Express hello-world that answers the same JSON, and prints both
# requests/s figures and their ratio. Needs go, node >= 24 with npm, and wrk
# (apt-get install -y wrk) on PATH.
#
#   scripts/bench-health.sh            # 5 rounds of 5 s per server, 64 connections
#   ROUNDS=9 DURATION=10s CONNECTIONS=128 scripts/bench-health.sh
set -euo pipefail

duration=${DURATION:-5s}
rounds=${ROUNDS:-5}
connections=${CONNECTIONS:-64}
threads=${THREADS:-2}

script=bench-health
. "$(dirname "$0")/lib.sh"
require go node npm wrk curl
require_node24

root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
pid=
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

echo "generating and installing the default express project in $work/app ..." >&2
(cd "$root" && go build -o "$work/jsforge" .)
"$work/jsforge" new "$work/app" --preset express --yes --no-git >/dev/null
(cd "$work/app" && npm install --no-audit --no-fund --loglevel=error >/dev/null)

# The baseline uses the project's own Express install, so both run the same version.
cat > "$work/app/bare.js" <<'JS'
import express from 'express';

const app = express();
app.get('/health', (req, res) => res.json({ status: 'ok' }));
app.listen(Number(process.env.PORT), '127.0.0.1');
JS

free_port() {
  node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); })'
}

# bench NAME COMMAND...: starts the server, waits for /health, warms up, prints requests/s.
bench() {
  local name=$1
  shift
  local port
  port=$(free_port)
  (cd "$work/app" && PORT=$port exec "$@" >/dev/null 2>"$work/$name.err") &
  pid=$!
  for _ in $(seq 100); do
    curl -fs "http://127.0.0.1:$port/health" >/dev/null && break
    sleep 0.1
  done
  curl -fs "http://127.0.0.1:$port/health" >/dev/null ||
    { echo "bench-health: $name did not answer /health:" >&2; cat "$work/$name.err" >&2; exit 1; }
  wrk -t"$threads" -c"$connections" -d3s "http://127.0.0.1:$port/health" >/dev/null
  wrk -t"$threads" -c"$connections" -d"$duration" "http://127.0.0.1:$port/health" |
    awk '/^Requests\/sec:/ { printf "%.0f\n", $2 }'
  kill "$pid"
  wait "$pid" 2>/dev/null || true
  pid=
}

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

export NODE_ENV=production HOST=127.0.0.1 JWT_SECRET=bench-secret-bench-secret-bench-secret
(cd "$work/app" && npm run -s db:migrate)
# The two servers take turns, round after round, so a slow spell of the
# machine hits both alike; the medians are compared.
: >"$work/generated.rps"
: >"$work/bare.rps"
for round in $(seq "$rounds"); do
  bench generated node src/server.js >>"$work/generated.rps"
  bench bare node bare.js >>"$work/bare.rps"
  echo "round $round: generated $(tail -n1 "$work/generated.rps") req/s, bare $(tail -n1 "$work/bare.rps") req/s" >&2
done
generated=$(median <"$work/generated.rps")
bare=$(median <"$work/bare.rps")

echo "wrk: ${threads} threads, ${connections} connections, ${duration} per server, median of ${rounds} alternating rounds"
echo "generated project  GET /health: ${generated} req/s"
echo "bare Express       GET /health: ${bare} req/s"
awk -v g="$generated" -v b="$bare" 'BEGIN { printf "ratio: %.1f%% of bare Express\n", 100 * g / b }'

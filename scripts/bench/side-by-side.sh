#!/usr/bin/env bash
# The reference server and node-oidc-provider benchmarked one after the other in one run, on the
# same machine, with the same bench client and settings (reports/bench.md holds the figures).
#
#   scripts/bench/side-by-side.sh [OUT_DIR] [-- extra bench flags]
#
# Both servers run as separate processes on 127.0.0.1 with a free port: the reference server as
# `oauthspec serve --config targets/reference-server.toml` (described by targets/reference.toml),
# oidc-provider via scripts/interop/oidc-provider/run.sh (targets/oidc-provider.toml). Each is
# measured with `oauthspec bench --target … --client basic` and the same --concurrency and
# --duration (env CONCURRENCY, default 4; DURATION, default 20s; each after a WARMUP run, default
# 5s, that is not measured); the text tables go to stdout,
# the JSON to OUT_DIR (default ${TMPDIR:-/tmp}/oauthspec-bench). OAUTHSPEC (default
# target/release/oauthspec) is the binary used: build it with `cargo build --release` first.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
OUT="${1:-${TMPDIR:-/tmp}/oauthspec-bench}"
shift || true
[ "${1:-}" = "--" ] && shift
BIN="${OAUTHSPEC:-$ROOT/target/release/oauthspec}"
CONCURRENCY="${CONCURRENCY:-4}"
DURATION="${DURATION:-20s}"
WARMUP="${WARMUP:-5s}"
[ -x "$BIN" ] || { echo "side-by-side.sh: $BIN not found; run cargo build --release" >&2; exit 2; }
mkdir -p "$OUT"

ref_pid=""
oidc_port=""
cleanup() {
  [ -n "$ref_pid" ] && kill "$ref_pid" 2>/dev/null || true
  [ -n "$oidc_port" ] && "$ROOT/scripts/interop/oidc-provider/run.sh" stop "$oidc_port" >/dev/null || true
}
trap cleanup EXIT

# The reference server as a process; its first line names its base URL.
"$BIN" serve --port 0 --config "$ROOT/targets/reference-server.toml" > "$OUT/reference-serve.log" 2>&1 &
ref_pid=$!
for _ in $(seq 1 100); do
  ref_base="$(sed -n 's/^oauthspec reference server listening on \(http:[^ ]*\)$/\1/p' "$OUT/reference-serve.log")"
  [ -n "$ref_base" ] && break
  sleep 0.1
done
[ -n "${ref_base:-}" ] || { cat "$OUT/reference-serve.log" >&2; exit 2; }
sed "s#http://127.0.0.1:18080#$ref_base#g" "$ROOT/targets/reference.toml" > "$OUT/reference.toml"

# oidc-provider on a free port; the target file names port 3000, so a copy is adjusted.
eval "$("$ROOT/scripts/interop/oidc-provider/run.sh" start 0)"
oidc_port="$OIDC_PROVIDER_PORT"
sed "s#http://127.0.0.1:3000#$OIDC_PROVIDER_ISSUER#g" "$ROOT/targets/oidc-provider.toml" > "$OUT/oidc-provider.toml"

echo "# $(date -u +%FT%TZ) $(nproc) cores; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "# node $(node --version); oauthspec $("$BIN" --version | cut -d' ' -f2); concurrency $CONCURRENCY, duration $DURATION after a $WARMUP warm-up"
# CPU seconds (user + system) a process has used so far, from /proc/PID/stat.
cpu() { awk -v t="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / t }' "/proc/$1/stat"; }
declare -A server_pid=([reference]="$ref_pid" [oidc-provider]="$OIDC_PROVIDER_PID")
for name in reference oidc-provider; do
  echo
  echo "\$ oauthspec bench --target $name.toml --client basic --concurrency $CONCURRENCY --duration $DURATION $*"
  # Warm-up (node's JIT, connection pools, first allocations), not measured.
  "$BIN" bench --target "$OUT/$name.toml" --client basic --concurrency "$CONCURRENCY" \
    --duration "$WARMUP" --quiet "$@" > /dev/null || true
  before="$(cpu "${server_pid[$name]}")"
  /usr/bin/time -f "%U %S" -o "$OUT/$name.client-cpu" \
    "$BIN" bench --target "$OUT/$name.toml" --client basic --concurrency "$CONCURRENCY" \
    --duration "$DURATION" --quiet --json "$@" > "$OUT/$name.json" || true
  after="$(cpu "${server_pid[$name]}")"
  server_cpu="$(awk -v a="$after" -v b="$before" 'BEGIN { printf "%.2f", a - b }')"
  client_cpu="$(awk '{ printf "%.2f", $1 + $2 }' "$OUT/$name.client-cpu")"
  echo "# CPU seconds: server $server_cpu, bench client $client_cpu"
  echo "{\"server_cpu_secs\": $server_cpu, \"client_cpu_secs\": $client_cpu}" > "$OUT/$name.cpu.json"
  # The run's table, from its JSON.
  python3 - "$OUT/$name.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
print(f"flows: {r['flows_completed']} completed, {r['flows_failed']} failed in {r['elapsed_secs']:.2f} s: "
      f"{r['flows_per_sec']:.1f} flows/s ({r['requests']} requests, {r['requests_per_sec']:.0f} req/s)")
print(f"{'step':<10} {'ok':>8} {'errors':>6} {'req':>5} {'p50 ms':>8} {'p90 ms':>8} {'p99 ms':>8} {'max ms':>8}")
rows = [(s['step'], s['ok'], s['errors'], s['requests_per_step'], s['latency']) for s in r['steps']]
per_flow = r['requests'] / max(r['flows_attempted'], 1)
rows.append(('flow', r['flows_completed'], r['flows_failed'], per_flow, r['flow_latency']))
for name, ok, err, req, l in rows:
    print(f"{name:<10} {ok:>8} {err:>6} {req:>5.1f} {l['p50_ms']:>8.2f} {l['p90_ms']:>8.2f} {l['p99_ms']:>8.2f} {l['max_ms']:>8.2f}")
cpu = json.load(open(sys.argv[1].replace('.json', '.cpu.json')))
if r['flows_completed']:
    n = r['flows_completed']
    print(f"CPU per completed flow: server {1000 * cpu['server_cpu_secs'] / n:.2f} ms, "
          f"bench client {1000 * cpu['client_cpu_secs'] / n:.2f} ms")
for e in r['errors']:
    print(f"  error: {e['count']} x {e['step']}: {e['reason']}")
PY
done
echo
echo "# load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

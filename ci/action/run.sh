#!/usr/bin/env bash
# The logic of the oauthspec GitHub Action (action.yml) and of the GitLab template
# (ci/gitlab/oauthspec.yml), kept in one script so that tests/ci_integration.rs can run it.
# Written for bash 3.2 too (macOS runners): no mapfile, no ${x,,}, no empty array expanded.
#
#   run.sh key          cache key of the oauthspec to install (a hash of this checkout's sources,
#                       or the crates.io version in OAUTHSPEC_VERSION)
#   run.sh install      `cargo install --locked` into OAUTHSPEC_ROOT, skipped when the binary there
#                       was built from the same key (a restored cache)
#   run.sh run          runs the suite, appends summary.md to the job summary, writes the outputs
#                       and exits with oauthspec's code (0 under OAUTHSPEC_DEFER_EXIT=1, so that the
#                       action can upload the reports before `gate` fails the job)
#   run.sh gate CODE    exits with CODE, with one line saying what it means
#
# Environment (all optional): OAUTHSPEC_TARGET, OAUTHSPEC_WAIVERS, OAUTHSPEC_BASELINE,
# OAUTHSPEC_PROFILES (comma- or space-separated, one --profile each), OAUTHSPEC_ARGS (extra
# arguments, split like a shell does: quotes and backslashes, no expansion), OAUTHSPEC_REPORT_DIR
# (default oauthspec-reports), OAUTHSPEC_BIN (default: OAUTHSPEC_ROOT/bin/oauthspec if present,
# else oauthspec on PATH), OAUTHSPEC_ROOT (default ~/.oauthspec), OAUTHSPEC_VERSION (a crates.io
# version; empty builds this checkout). GITHUB_OUTPUT, GITHUB_STEP_SUMMARY and GITHUB_PATH are
# written when they are set, so the same script runs on GitLab or a laptop.
set -euo pipefail

source_dir() {
  (cd "$(dirname "$0")/../.." && pwd)
}

root_dir() {
  printf '%s\n' "${OAUTHSPEC_ROOT:-$HOME/.oauthspec}"
}

# One "name=value" line into $GITHUB_OUTPUT (values here never hold a newline).
output() {
  if [ -n "${GITHUB_OUTPUT:-}" ]; then
    printf '%s=%s\n' "$1" "$2" >> "$GITHUB_OUTPUT"
  fi
}

sha256() {
  if command -v sha256sum > /dev/null; then
    sha256sum | cut -c1-64
  else
    shasum -a 256 | cut -c1-64
  fi
}

cmd_key() {
  local key
  if [ -n "${OAUTHSPEC_VERSION:-}" ]; then
    key="oauthspec-crates-${OAUTHSPEC_VERSION}"
  else
    local src hash
    src="$(source_dir)"
    # Names and contents of everything the binary is built from, in a fixed order.
    hash="$(cd "$src" && find Cargo.toml Cargo.lock src features -type f | LC_ALL=C sort |
      while IFS= read -r f; do printf '%s\n' "$f"; cat "$f"; done | sha256)"
    key="oauthspec-src-$(printf '%s' "$hash" | cut -c1-20)"
  fi
  printf '%s\n' "$key"
  output key "$key"
}

cmd_install() {
  local root key
  root="$(root_dir)"
  key="$(GITHUB_OUTPUT='' cmd_key)"
  if [ -x "$root/bin/oauthspec" ] && [ "$(cat "$root/.oauthspec-key" 2> /dev/null)" = "$key" ]; then
    echo "oauthspec: using the cached build in $root ($key)"
  else
    export OAUTHSPEC_ROOT="$root"
    if [ -n "${OAUTHSPEC_VERSION:-}" ]; then
      cargo install --locked --force --root "$OAUTHSPEC_ROOT" --version "$OAUTHSPEC_VERSION" oauthspec
    else
      # The same command as the Dockerfile and .ci/run (tests/ci_integration.rs checks that).
      (cd "$(source_dir)" && cargo install --locked --path . --root "$OAUTHSPEC_ROOT")
    fi
    printf '%s\n' "$key" > "$root/.oauthspec-key"
  fi
  if [ -n "${GITHUB_PATH:-}" ]; then
    printf '%s\n' "$root/bin" >> "$GITHUB_PATH"
  fi
  output bin "$root/bin/oauthspec"
}

# Splits OAUTHSPEC_ARGS like a shell (xargs honours quotes and backslashes and runs nothing).
split_args() {
  local raw="${OAUTHSPEC_ARGS:-}" file
  if [ -z "$(printf '%s' "$raw" | tr -d ' \t\n')" ]; then
    return 0
  fi
  file="$(mktemp)"
  if ! printf '%s' "$raw" | xargs printf '%s\0' > "$file"; then
    rm -f "$file"
    echo "oauthspec: error: cannot split the extra arguments (args): $raw" >&2
    return 2
  fi
  while IFS= read -r -d '' a; do
    args+=("$a")
  done < "$file"
  rm -f "$file"
}

cmd_run() {
  local bin dir code err marker
  local args=()
  bin="${OAUTHSPEC_BIN:-}"
  if [ -z "$bin" ]; then
    if [ -x "$(root_dir)/bin/oauthspec" ]; then bin="$(root_dir)/bin/oauthspec"; else bin=oauthspec; fi
  fi
  dir="${OAUTHSPEC_REPORT_DIR:-oauthspec-reports}"
  args=(run --report-dir "$dir")
  # Each input becomes its flag only when it is set, so binaries without --baseline or --profile
  # still work for everyone who does not ask for them.
  if [ -n "${OAUTHSPEC_TARGET:-}" ]; then args+=(--target "$OAUTHSPEC_TARGET"); fi
  if [ -n "${OAUTHSPEC_WAIVERS:-}" ]; then args+=(--waivers "$OAUTHSPEC_WAIVERS"); fi
  if [ -n "${OAUTHSPEC_BASELINE:-}" ]; then args+=(--baseline "$OAUTHSPEC_BASELINE"); fi
  local p
  set -f
  for p in $(printf '%s' "${OAUTHSPEC_PROFILES:-}" | tr ',' ' '); do args+=(--profile "$p"); done
  set +f
  code=0
  split_args || code=$?
  output report-dir "$dir"
  if [ "$code" -ne 0 ]; then
    output exit-code "$code"
    if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
      echo ':x: **oauthspec** did not start: the extra arguments (args) have an unmatched quote' \
        >> "$GITHUB_STEP_SUMMARY"
    fi
    finish "$code"
  fi
  echo "oauthspec: $bin ${args[*]}"
  err="$(mktemp)"
  # Files older than this marker are a previous run's leftovers in the same folder, never reported.
  marker="$(mktemp)"
  # stderr to the log as it comes and into $err for the job summary (one line says what to fix).
  set +e
  { "$bin" "${args[@]}" 2>&1 1>&3 3>&- | tee "$err" >&2; } 3>&1
  code="${PIPESTATUS[0]}"
  set -e
  output exit-code "$code"
  if [ "$dir/report.sarif" -nt "$marker" ]; then output sarif "$dir/report.sarif"; fi
  summary "$dir" "$code" "$err" "$marker"
  rm -f "$err" "$marker"
  finish "$code"
}

summary() {
  local dir="$1" code="$2" err="$3" marker="$4"
  if [ -z "${GITHUB_STEP_SUMMARY:-}" ]; then
    return 0
  fi
  if [ "$dir/summary.md" -nt "$marker" ]; then
    cat "$dir/summary.md" >> "$GITHUB_STEP_SUMMARY"
    printf '\n' >> "$GITHUB_STEP_SUMMARY"
  else
    {
      printf ':x: **oauthspec** ended with exit code %s and wrote no summary.md\n\n' "$code"
      printf '```\n'
      tail -n 20 "$err"
      printf '```\n'
    } >> "$GITHUB_STEP_SUMMARY"
  fi
}

finish() {
  if [ "${OAUTHSPEC_DEFER_EXIT:-}" = 1 ]; then
    exit 0
  fi
  exit "$1"
}

cmd_gate() {
  local code="${1:-}" msg
  case "$code" in
    0) echo "oauthspec: no failure (exit 0)"; exit 0 ;;
    1) msg="the target failed requirements, a waived scenario passed or a waiver is stale (exit 1): see the job summary and the report artifact" ;;
    2) msg="configuration or harness error (exit 2): the run could not reach a verdict; the log says what to fix" ;;
    '' | *[!0-9]*) msg="no exit code from the run step (got '$code')"; code=2 ;;
    *) msg="oauthspec ended unexpectedly (exit $code)" ;;
  esac
  if [ "${GITHUB_ACTIONS:-}" = true ]; then
    echo "::error title=oauthspec::$msg"
  else
    echo "oauthspec: $msg" >&2
  fi
  exit "$code"
}

case "${1:-}" in
  key) cmd_key ;;
  install) cmd_install ;;
  run) cmd_run ;;
  gate) cmd_gate "${2:-}" ;;
  *)
    echo "usage: $0 key|install|run|gate CODE" >&2
    exit 2
    ;;
esac

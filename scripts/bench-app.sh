#!/usr/bin/env bash
# Desktop app figures (issue 7), not a test: on a generated office of N events (default
# 100,000, 1,000 staff), the time from launch to the login screen, from password to the
# dashboard, to open the whole log, the memory of all the app's processes then (and of a bare
# Tauri window's, the baseline), the filter latency, and the release binary and .deb sizes.
# Release build; Xvfb; tauri-driver.
set -euo pipefail
cd "$(dirname "$0")/.."
events=${1:-100000}
export CARGO_INCREMENTAL=0
(cd ui && npm run --silent build >/dev/null)
cargo build --locked --release -q -p kiroku-app -p kiroku-cli
# The baseline: a bare Tauri window (src-tauri/examples/bare_window.rs), same Tauri and profile.
cargo build --locked --release -q -p kiroku-app --example bare_window
command -v tauri-driver >/dev/null || cargo install tauri-driver --version '^2' --locked -q

work=$(mktemp -d /tmp/kiroku-bench-app.XXXXXX)
source scripts/lib/window.sh
scratch_home "$work"
vault=${BENCH_VAULT:-$work/office.kiroku}
[ -e "$vault" ] || echo "==> demo office of $events events"
[ -e "$vault" ] || KIROKU_NEW_PASSWORD=bench-password-1 target/release/kiroku demo --out "$vault" --events "$events" --persons 1000 >/dev/null

start_window "$work"
node tests/e2e/bench.mjs "$PWD/target/release/kiroku-app" "$vault" bench-password-1 "$PWD/target/release/examples/bare_window"

echo "release binary: $(du -h target/release/kiroku-app | cut -f1) ($(stat -c %s target/release/kiroku-app) bytes)"
if [ "${BUILD_DEB:-1}" = 1 ]; then
  (cd src-tauri && npx --yes @tauri-apps/cli@^2 build --bundles deb >"$work/deb.log" 2>&1) || { echo "deb build failed: $work/deb.log"; exit 1; }
  deb=$(ls target/release/bundle/deb/*.deb | head -n1)
  echo ".deb: $(du -h "$deb" | cut -f1) ($deb)"
fi

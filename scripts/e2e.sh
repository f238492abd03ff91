#!/usr/bin/env bash
# End-to-end tests of the desktop app in the real engine: builds the UI, the app and the CLI
# (for the demo vault), installs tauri-driver if missing, starts Xvfb and tauri-driver, and
# runs tests/e2e/run.mjs. Screenshots land in docs/screenshots/app-*.png.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_INCREMENTAL=0
(cd ui && npm run --silent build)
cargo build --locked -q -p kiroku-app -p kiroku-cli
command -v tauri-driver >/dev/null || cargo install tauri-driver --version '^2' --locked -q
command -v WebKitWebDriver >/dev/null || { echo "WebKitWebDriver missing: apt-get install webkit2gtk-driver" >&2; exit 1; }

scratch=$(mktemp -d /tmp/kiroku-e2e.XXXXXX)
display=:$((90 + RANDOM % 9))
Xvfb "$display" -screen 0 1280x860x24 >/dev/null 2>&1 &
xvfb=$!
export DISPLAY=$display
# The app inherits tauri-driver's environment: nothing of the real home is touched.
export HOME="$scratch/home" XDG_DATA_HOME="$scratch/home/data" XDG_CONFIG_HOME="$scratch/home/config"
export XDG_CACHE_HOME="$scratch/home/cache" KIROKU_CREDENTIAL_STORE=none
mkdir -p "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME"
tauri-driver --port 4444 >"$scratch/tauri-driver.log" 2>&1 &
driver=$!
trap 'kill $driver $xvfb 2>/dev/null || true' EXIT
for _ in $(seq 50); do curl -s http://127.0.0.1:4444/status >/dev/null && break; sleep 0.2; done
node tests/e2e/run.mjs target/debug/kiroku-app target/debug/kiroku "$scratch"

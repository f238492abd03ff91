#!/usr/bin/env bash
# End-to-end tests of the desktop app in the real engine: builds the UI, the app and the CLI
# (for the demo vault), installs tauri-driver if missing, starts Xvfb and tauri-driver, and
# runs tests/e2e/run.mjs. Screenshots land in docs/screenshots/app-*.png.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_INCREMENTAL=0
(cd ui && npm run --silent build)
cargo build --locked -q -p kiroku-app --features kiroku-app/e2e-clock -p kiroku-cli
command -v tauri-driver >/dev/null || cargo install tauri-driver --version '^2' --locked -q
command -v WebKitWebDriver >/dev/null || { echo "WebKitWebDriver missing: apt-get install webkit2gtk-driver" >&2; exit 1; }

scratch=$(mktemp -d /tmp/kiroku-e2e.XXXXXX)
source scripts/lib/window.sh
scratch_home "$scratch"
start_window "$scratch"
# The binaries are copied first: another build into a shared target dir cannot swap them mid-run.
mkdir -p "$scratch/bin"
cp "${CARGO_TARGET_DIR:-target}/debug/kiroku-app" "${CARGO_TARGET_DIR:-target}/debug/kiroku" "$scratch/bin/"
bin="$scratch/bin"
node tests/e2e/run.mjs "$bin/kiroku-app" "$bin/kiroku" "$scratch"

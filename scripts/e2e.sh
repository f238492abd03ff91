#!/usr/bin/env bash
# End-to-end tests of the desktop app in the real engine: builds the UI, the app (with the
# test-only clock, feature `e2e-clock`) and the CLI (for the demo vaults), installs
# tauri-driver if missing, starts Xvfb and tauri-driver, and runs tests/e2e/run.mjs, a staff
# list imported from CSV and the log exported to Excel (tests/e2e/import-export.mjs), an
# incident from the home screen to its deadline (tests/e2e/incidents.mjs), the yearly check
# from the home's reminder to its PDF (tests/e2e/checks.mjs), the four main screens at
# 1366×768 and 1920×1080 at 文字サイズ 標準 and 特大 (tests/e2e/sizes.mjs), then the
# clerk's year without any CLI (tests/e2e/clerk-year.mjs). Screenshots land in
# docs/screenshots/app-*.png.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_INCREMENTAL=0
(cd ui && npm run --silent build)
cargo build --locked -q -p kiroku-app --features kiroku-app/e2e-clock -p kiroku-cli
command -v tauri-driver >/dev/null || cargo install tauri-driver --version '^2' --locked -q
command -v WebKitWebDriver >/dev/null || { echo "WebKitWebDriver missing: apt-get install webkit2gtk-driver" >&2; exit 1; }

scratch=$(mktemp -d /tmp/kiroku-e2e.XXXXXX)
# The binaries are copied at once: another build into a shared target dir cannot swap them mid-run.
mkdir -p "$scratch/bin"
cp "${CARGO_TARGET_DIR:-target}/debug/kiroku-app" "${CARGO_TARGET_DIR:-target}/debug/kiroku" "$scratch/bin/"
bin="$scratch/bin"
source scripts/lib/window.sh
scratch_home "$scratch"
# The e2e clock: days added to the system time, written by clerk-year.mjs (the app inherits
# tauri-driver's environment, so this is set before the window starts).
export KIROKU_E2E_CLOCK_FILE="$scratch/clock-days"
start_window "$scratch"
node tests/e2e/run.mjs "$bin/kiroku-app" "$bin/kiroku" "$scratch"
node tests/e2e/import-export.mjs "$bin/kiroku-app" "$bin/kiroku" "$scratch"
node tests/e2e/incidents.mjs "$bin/kiroku-app" "$bin/kiroku" "$scratch"
node tests/e2e/checks.mjs "$bin/kiroku-app" "$bin/kiroku" "$scratch"
node tests/e2e/sizes.mjs "$bin/kiroku-app" "$bin/kiroku" "$scratch"
node tests/e2e/clerk-year.mjs "$bin/kiroku-app" "$scratch"

#!/usr/bin/env bash
# Installs what is missing, then runs every check and every test: formatting, module cycles,
# clippy, the UI's type check, lint and tests, all Rust tests (which also regenerate the
# TypeScript bindings, and must leave them unchanged), the device-secret test against a private Secret Service, and
# the desktop app driven end to end in its real engine (scripts/e2e.sh), the 操作マニュアル, and
# last the Windows build with its installer, Rust tests and programs under Wine
# (scripts/test-windows.sh; the installer takes the manual just built).
# KIROKU_SKIP_WINDOWS=1 leaves the Windows part out (for a quick loop on a developer's machine;
# CI always runs it).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -n "${KIROKU_SKIP_WINDOWS:-}" ]; then
  bash scripts/install-deps.sh
else
  KIROKU_WINDOWS_DEPS=1 bash scripts/install-deps.sh
fi

export CARGO_INCREMENTAL=0
export CARGO_TERM_COLOR=never
# Tests never touch the real home or keyring: every XDG folder points into a temp dir.
sandbox=$(mktemp -d)
trap 'rm -rf "$sandbox"' EXIT
export XDG_DATA_HOME="$sandbox/data" XDG_CONFIG_HOME="$sandbox/config" XDG_CACHE_HOME="$sandbox/cache"
export XDG_RUNTIME_DIR="$sandbox/run"
mkdir -p "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
unset DBUS_SESSION_BUS_ADDRESS KIROKU_VAULT KIROKU_USER KIROKU_PASSWORD

source scripts/lib/disk.sh
step() { printf '\n==> %s\n' "$*"; disk_report; }

step "UI: build, type check, lint, tests"
(cd ui && npm run --silent build && npm run --silent check && npm run --silent lint && npm run --silent test)

step "cargo fmt --check"
cargo fmt --all --check

step "No module cycles inside any crate"
python3 scripts/module-cycles.py

step "cargo clippy (all targets, -D warnings)"
cargo clippy --workspace --all-targets --locked -- -D warnings

step "cargo test"
cargo test --workspace --locked

step "TypeScript bindings are up to date"
if ! git diff --exit-code -- ui/src/lib/bindings || [ -n "$(git ls-files --others --exclude-standard ui/src/lib/bindings)" ]; then
  echo "The IPC types changed: commit ui/src/lib/bindings (cargo test regenerates them)." >&2
  exit 1
fi

step "Device secret against a real Secret Service (private D-Bus + gnome-keyring)"
dbus-run-session -- bash -c '
  echo -n kiroku-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  KIROKU_TEST_SECRET_SERVICE=1 cargo test -p kiroku-api --locked --test secret_service -- --ignored
' 2> >(grep -v "Failed to set fd limit" >&2)

step "Desktop app end to end (tauri-driver + WebKitWebDriver under Xvfb)"
bash scripts/e2e.sh

step "操作マニュアル: built from docs/manual with the newest screenshots, its text read back (scripts/check-manual.sh)"
bash scripts/check-manual.sh

if [ -z "${KIROKU_SKIP_WINDOWS:-}" ]; then
  # The Linux build is done with (the Windows build makes its own), so on a short disk it goes
  # before the Windows one comes: the two are never on the disk together.
  free_if_short "the Linux build" "$(kiroku_target_dir)/debug"
  step "Windows: build, installer, Rust tests and the programs under Wine (scripts/test-windows.sh)"
  KIROKU_SKIP_DEPS=1 bash scripts/test-windows.sh
fi

step "All checks passed"

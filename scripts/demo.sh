#!/usr/bin/env bash
# Installs what is missing, builds Kiroku and starts the desktop app on a demo vault: a
# generated office (users, staff with dependents, directors, the 台帳, a few years of handling
# events, contractors with their evaluations, documents due for disposal).
# Log in as jimukyokucho (or sato, suzuki, kansa) with the password demo-password-1.
# Without a display (a server), the app runs under Xvfb and a screenshot is saved instead.
# The command-line walkthrough of the same office is scripts/demo-cli.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
export CARGO_INCREMENTAL=0
(cd ui && npm run --silent build >/dev/null)
cargo build --locked --release -p kiroku-cli -p kiroku-app
kiroku="$PWD/target/release/kiroku"
app="$PWD/target/release/kiroku-app"

demo=${KIROKU_DEMO_DIR:-$(mktemp -d /tmp/kiroku-demo.XXXXXX)}
mkdir -p "$demo"
vault="$demo/demo-office.kiroku"
if [ ! -e "$vault" ]; then
  echo "==> generating a demo office in $vault"
  KIROKU_NEW_PASSWORD="demo-password-1" KIROKU_CREDENTIAL_STORE=none \
    "$kiroku" demo --out "$vault" --events 3000 --persons 60
fi
printf '\nLog in as jimukyokucho with the password demo-password-1.\n'

export KIROKU_CREDENTIAL_STORE=none
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  exec "$app" --vault "$vault"
fi
echo "==> no display: running the app under Xvfb for a screenshot"
Xvfb :97 -screen 0 1280x860x24 >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null || true' EXIT
DISPLAY=:97 "$app" --vault "$vault" &
pid=$!
sleep 8
DISPLAY=:97 import -window root "$demo/kiroku-app.png"
kill "$pid" 2>/dev/null || true
echo "Screenshot of the login screen: $demo/kiroku-app.png"

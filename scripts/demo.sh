#!/usr/bin/env bash
# Installs what is missing, builds Kiroku and walks through a demo office: a generated vault
# (users, staff with dependents, directors, the 台帳 and several years of handling events),
# then the 台帳, the log, the 取扱記録表, a correction with its history, a verified backup and
# the audit chain. (The desktop app arrives with issue 7; until then the demo runs on the
# command line.)
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
export CARGO_INCREMENTAL=0
cargo build --locked --release -p kiroku-cli
kiroku="$PWD/target/release/kiroku"

demo=${KIROKU_DEMO_DIR:-$(mktemp -d /tmp/kiroku-demo.XXXXXX)}
mkdir -p "$demo"
export KIROKU_VAULT="$demo/demo-office.kiroku"
export KIROKU_PASSWORD="demo-password-1" KIROKU_NEW_PASSWORD="demo-password-1"
[ -e "$KIROKU_VAULT" ] && { echo "$KIROKU_VAULT exists; set KIROKU_DEMO_DIR to a new folder" >&2; exit 1; }

show() { printf '\n$ kiroku %s\n' "$*"; "$kiroku" "$@"; }

show demo --out "$KIROKU_VAULT" --events 3000 --persons 60
show --user sato status
show ledger list
fy=$(date +%Y); [ "$(date +%m)" -lt 4 ] && fy=$((fy - 1))
show event list --fy "$((fy - 1))" --kind submit --person 1
show view lifecycle --person 1
show contractor list
show contractor due --within 400
show eval list --contractor 2 | head -n 8
show --user sato event add --kind output --date "$(date +%F)" --affair 1 --person 1,2,3 --content 源泉徴収簿
show --user sato event amend 3001 --reason "出力したものの誤り" --content 賃金台帳
show event history 3001
KIROKU_PASSWORD=wrong-password "$kiroku" --user suzuki status || true
show backup --out "$demo/demo-office.kiroku-backup"
show audit list --limit 8
show audit verify
printf '\nThe demo vault is %s (password: demo-password-1; users jimukyokucho, sato, suzuki, kansa).\n' "$KIROKU_VAULT"
printf 'Try: KIROKU_VAULT=%s KIROKU_PASSWORD=demo-password-1 %s view lifecycle --fy %s\n' "$KIROKU_VAULT" "$kiroku" "$fy"

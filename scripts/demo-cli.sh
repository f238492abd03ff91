#!/usr/bin/env bash
# Installs what is missing, builds Kiroku and walks through a demo office: a generated vault
# (users, staff with dependents, directors, the 台帳, several years of handling events,
# contractors with their evaluations, and documents), then the 台帳, the log, the 取扱記録表, a
# correction with its history, the disposal schedule, a disposal by a contractor and its
# certificate, a verified backup and the audit chain. scripts/demo.sh opens the
# same kind of office in the desktop app.
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
show schedule
show dispose --doc 1,2 --method dissolve --date "$(date +%F)" --contractor 株式会社みどり文書リサイクル
show certificate add --contractor 株式会社みどり文書リサイクル --no 第501号 --date "$(date +%F)" --doc 1,2
show ledger show 2
KIROKU_PASSWORD=wrong-password "$kiroku" --user suzuki status || true
show backup --out "$demo/demo-office.kiroku-backup"
show audit list --limit 8
show audit verify
printf '\nThe demo vault is %s (password: demo-password-1; users jimukyokucho, sato, suzuki, kansa).\n' "$KIROKU_VAULT"
printf 'Try: KIROKU_VAULT=%s KIROKU_PASSWORD=demo-password-1 %s view lifecycle --fy %s\n' "$KIROKU_VAULT" "$kiroku" "$fy"

#!/usr/bin/env bash
# Installs what is missing, builds Kiroku and walks through a demo office on a fresh vault:
# set-up with the recovery code, users, the audit chain, a verified backup and a restore.
# (The desktop app arrives with issue 7; until then the demo runs on the command line.)
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

show --user jimukyokucho init --org "みどり広域事務組合" --name "山田 太郎" --dept 総務課 --template jimukumiai
show user add --id sato --name "佐藤 花子" --role clerk --dept 総務課 --duties "給与・年末調整"
show user add --id suzuki --name "鈴木 一郎" --role clerk --dept 業務課 --duties "労働保険"
show user add --id kansa --name "高橋 監事" --role auditor
show user list
show affair list
show person add --kind staff --name "田中 健一" --dept 総務課
show person dependent add 1 --name "田中 美咲" --relation 配偶者
show person add --kind councillor --name "小林 誠"
show person leave 2 --date R8.3.31
show person list
KIROKU_PASSWORD=wrong-password "$kiroku" --user sato status || true
show --user sato status
show backup --out "$demo/demo-office.kiroku-backup"
show audit list --limit 20
show audit verify
printf '\nThe demo vault is %s (password: demo-password-1).\n' "$KIROKU_VAULT"
printf 'Try: KIROKU_VAULT=%s KIROKU_PASSWORD=demo-password-1 %s status\n' "$KIROKU_VAULT" "$kiroku"

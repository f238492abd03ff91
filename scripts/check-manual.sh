#!/usr/bin/env bash
# Builds the 操作マニュアル (docs/manual → docs/操作マニュアル.pdf) with the kiroku command, from the
# newest screenshots, and reads its text back (pdftotext): every chapter's title must be in it,
# and the PDF must stay small enough to ship (under 4 MB).
set -euo pipefail
cd "$(dirname "$0")/.."
source=docs/manual
out="docs/操作マニュアル.pdf"
cargo run --quiet --locked -p kiroku-cli --bin kiroku -- manual --source "$source" --out "$out"
text=$(pdftotext "$out" -)
missing=0
for chapter in "$source"/[0-9]*.md; do
  title=$(sed -n 's/^# //p' "$chapter" | head -n 1)
  if ! grep -qF -- "$title" <<<"$text"; then
    echo "操作マニュアルに章「$title」（$chapter）がありません" >&2
    missing=1
  fi
done
for title in はじめに・セットアップ 取扱いを記録する 記録票を印刷する 保存文書を廃棄する 年度末の仕事 \
  バックアップと復元 パスワードを忘れたとき 用語集 目次; do
  if ! grep -qF -- "$title" <<<"$text"; then
    echo "操作マニュアルに「$title」がありません" >&2
    missing=1
  fi
done
bytes=$(stat -c %s "$out")
if [ "$bytes" -ge $((4 * 1024 * 1024)) ]; then
  echo "操作マニュアルが大きすぎます（$bytes バイト、4 MB 未満にしてください）" >&2
  missing=1
fi
[ "$missing" -eq 0 ]
echo "操作マニュアル: $(pdfinfo "$out" | sed -n 's/^Pages: *//p') ページ、$((bytes / 1024)) KB、章の題はすべてあります"

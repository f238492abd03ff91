#!/usr/bin/env bash
# Builds Kiroku for Windows on Debian: kiroku.exe and kiroku-app.exe cross-compiled (release,
# x86_64-pc-windows-gnu, linked by mingw-w64), the installer Kiroku-<version>-setup.exe made by
# makensis from installer/windows/kiroku.nsi (per user, no administrator), and a portable
# Kiroku-<version>-windows-x64.zip. Everything lands in dist/windows/.
#
#   bash scripts/build-windows.sh            # installs what is missing, builds, prints sizes
#   KIROKU_SKIP_DEPS=1 bash scripts/build-windows.sh   # when install-deps.sh has just run
#
# Needs no network but the package registries: no Tauri bundler (its NSIS step downloads
# plugins), no Microsoft SDK (the msvc target needs it; the gnu target needs WebView2Loader.dll
# beside the exe, which the webview2-com-sys crate carries).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

[ -n "${KIROKU_SKIP_DEPS:-}" ] || KIROKU_WINDOWS_DEPS=1 bash scripts/install-deps.sh

target=x86_64-pc-windows-gnu
export CARGO_INCREMENTAL=0
target_dir=${CARGO_TARGET_DIR:-$root/target}
out_dir=$target_dir/$target/release
dist=$root/dist/windows
version=$(sed -n '/^\[workspace.package\]/,/^\[/s/^version = "\(.*\)"/\1/p' Cargo.toml)
t0=$(date +%s)

step() { printf '\n==> %s\n' "$*"; }

step "UI (the window's pages, embedded in kiroku-app.exe)"
# Built again only when a source is newer than the last build (a new ui/dist makes cargo
# rebuild kiroku-app).
if [ -f ui/dist/index.html ] && [ -z "$(find ui/src ui/public ui/index.html ui/package.json ui/vite.config.* \
  -newer ui/dist/index.html 2>/dev/null | head -1)" ]; then
  echo "ui/dist is up to date"
else
  (cd ui && npm run --silent build)
fi

step "cargo build --release --target $target (kiroku.exe, kiroku-app.exe)"
t_build=$(date +%s)
cargo build --release --locked --target "$target" -p kiroku-cli -p kiroku-app
t_build=$(($(date +%s) - t_build))

# The loader the gnu build links against (the msvc build links it statically): the copy that
# webview2-com-sys's build script put in its output folder for this build.
loader=$(ls -t "$out_dir"/build/webview2-com-sys-*/out/x64/WebView2Loader.dll 2>/dev/null | head -1)
[ -n "$loader" ] || { echo "WebView2Loader.dll not found under $out_dir/build/webview2-com-sys-*/out/x64" >&2; exit 1; }

step "Staging"
rm -rf "$dist"
stage=$dist/stage
mkdir -p "$stage"
cp "$out_dir/kiroku.exe" "$out_dir/kiroku-app.exe" "$loader" "$stage/"
cp src-tauri/icons/icon.ico "$stage/kiroku.ico"
# The 操作マニュアル beside kiroku-app.exe, where 「ヘルプ」 finds it (built by scripts/check-manual.sh).
cp "docs/操作マニュアル.pdf" "$stage/"
# Text files for Notepad: UTF-8 with a BOM and CRLF line ends.
to_windows_text() { { printf '\xef\xbb\xbf'; sed 's/\r*$/\r/' "$1"; } >"$2"; }
to_windows_text installer/windows/README.txt "$stage/README.txt"
to_windows_text assets/fonts/IPA_Font_License.txt "$stage/IPA_Font_License.txt"
to_windows_text assets/fonts/OFL-NotoSansCJK.txt "$stage/OFL-NotoSansCJK.txt"

step "Installer (makensis)"
setup=$dist/Kiroku-$version-setup.exe
size_kb=$(du -sk --apparent-size "$stage" | cut -f1)
makensis -V2 -INPUTCHARSET UTF8 -DVERSION="$version" -DSTAGE="$stage" -DOUTFILE="$setup" \
  -DSIZE_KB="$size_kb" installer/windows/kiroku.nsi

step "Portable zip"
zip_name=Kiroku-$version-windows-x64
portable=$dist/$zip_name.zip
mkdir -p "$dist/zip/$zip_name"
cp "$stage"/{kiroku.exe,kiroku-app.exe,WebView2Loader.dll,README.txt,IPA_Font_License.txt,OFL-NotoSansCJK.txt,操作マニュアル.pdf} "$dist/zip/$zip_name/"
(cd "$dist/zip" && zip -q -9 -r "$portable" "$zip_name")
rm -rf "$dist/zip"

mb() { awk -v b="$(stat -c %s "$1")" 'BEGIN { printf "%.1f MB", b / 1048576 }'; }
step "Built in $(($(date +%s) - t0)) s (cargo $t_build s)"
printf '  %-40s %s\n' \
  "$(basename "$setup")" "$(mb "$setup")" \
  "$(basename "$portable")" "$(mb "$portable")" \
  "installed (program folder)" "$(awk -v k="$size_kb" 'BEGIN { printf "%.1f MB", k / 1024 }')" \
  "kiroku-app.exe" "$(mb "$stage/kiroku-app.exe")" \
  "kiroku.exe" "$(mb "$stage/kiroku.exe")" \
  "WebView2Loader.dll" "$(mb "$stage/WebView2Loader.dll")"

#!/usr/bin/env bash
# Kiroku against Windows, on Debian, under Wine (issue 16):
#   1. the Windows build (scripts/build-windows.sh: kiroku.exe, kiroku-app.exe, the installer
#      and the zip), unless KIROKU_WINDOWS_BUILT=1 says it has just run;
#   2. every Rust test of the workspace but the Tauri shell's, cross-compiled for
#      x86_64-pc-windows-gnu and run under Wine (cargo's runner: scripts/windows/wine-runner.sh);
#   3. a CLI smoke run of the released kiroku.exe (init, user add, person add, event add, a
#      refused 個人番号, print to PDF, backup, restore with the recovery code, audit verify, and
#      no 個人番号 in any byte of the vault's files);
#   4. the installer run silently (/S): files, Start-menu shortcut, Programs-and-Features entry,
#      the installed kiroku.exe --version, kiroku-app.exe --check (the start-up path without a
#      window: Wine has no WebView2), then the uninstaller, which must leave the vault.
#
# Wine 8.0 lacks bcryptprimitives.dll, whose ProcessPrng Rust's standard library imports. A
# ten-line shim (scripts/windows/processprng-shim.c, over RtlGenRandom) is built here and put
# into the private Wine prefix's system32 — never beside a built exe, never into dist/: it is a
# test harness for Wine only and must never ship (Windows 10/11 have the real DLL). So is the
# bridge to the Linux tools (pdftotext, pdfinfo, pdffonts, pdfimages, sqlite3) some tests read results back with.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

[ -n "${KIROKU_SKIP_DEPS:-}" ] || KIROKU_WINDOWS_DEPS=1 bash scripts/install-deps.sh

target=x86_64-pc-windows-gnu
export CARGO_INCREMENTAL=0 CARGO_TERM_COLOR=never
source scripts/lib/disk.sh
target_dir=$(kiroku_target_dir)
dist=$root/dist/windows
version=$(sed -n '/^\[workspace.package\]/,/^\[/s/^version = "\(.*\)"/\1/p' Cargo.toml)
wine=/usr/lib/wine/wine64
t_start=$(date +%s)

step() { printf '\n==> %s\n' "$*"; disk_report; }
fail() { echo "FAILED: $*" >&2; exit 1; }

if [ -z "${KIROKU_WINDOWS_BUILT:-}" ]; then
  KIROKU_SKIP_DEPS=1 bash scripts/build-windows.sh
fi
[ -f "$dist/Kiroku-$version-setup.exe" ] || fail "no installer in $dist (run scripts/build-windows.sh)"
# The programs are in dist/windows; on a short disk their release build makes room for the
# test build below.
free_if_short "the Windows release build" "$target_dir/$target/release" "$target_dir/release"

# A private Wine prefix: nothing of the real home is read or written, and the credential store
# (Wine's Credential Manager) starts empty.
sandbox=$(mktemp -d /tmp/kiroku-wine.XXXXXX)
export WINEPREFIX=$sandbox/prefix WINEDEBUG=-all WINEARCH=win64
# No Mono or Gecko: Wine would offer to download them.
export WINEDLLOVERRIDES="mscoree,mshtml="
unset KIROKU_VAULT KIROKU_USER KIROKU_PASSWORD KIROKU_NEW_PASSWORD KIROKU_RECOVERY_CODE \
  KIROKU_CREDENTIAL_STORE DISPLAY WAYLAND_DISPLAY
cleanup() {
  /usr/lib/wine/wineserver -k 2>/dev/null || true
  rm -rf "$sandbox"
}
trap cleanup EXIT

step "Wine prefix and the ProcessPrng shim (test harness only)"
t0=$(date +%s)
"$wine" wineboot -i >/dev/null 2>&1 || true
/usr/lib/wine/wineserver -w
system32=$WINEPREFIX/drive_c/windows/system32
x86_64-w64-mingw32-gcc -shared -O2 -s -o "$system32/bcryptprimitives.dll" \
  scripts/windows/processprng-shim.c -ladvapi32
# The Linux tools some tests read results back with (poppler, sqlite3), reachable from Windows
# programs through a bridge (scripts/windows/unix-tool-bridge.c): a test harness, never shipped.
tools=$sandbox/tools
mkdir -p "$tools"
x86_64-w64-mingw32-gcc -municode -O2 -s -o "$tools/pdftotext.exe" scripts/windows/unix-tool-bridge.c
for t in pdfinfo pdffonts pdfimages sqlite3; do cp "$tools/pdftotext.exe" "$tools/$t.exe"; done
echo "prefix ready in $(($(date +%s) - t0)) s"
win_path() { "$wine" winepath -w "$1" 2>/dev/null | tr -d '\r'; }
unix_path() { "$wine" winepath -u "$1" 2>/dev/null | tr -d '\r'; }
local_appdata_unix=$(ls -d "$WINEPREFIX"/drive_c/users/*/AppData/Local | grep -v /Public/ | head -1)
local_appdata=$(win_path "$local_appdata_unix")

step "Rust tests under Wine (all crates but the Tauri shell)"
t0=$(date +%s)
if [ -n "${KIROKU_WINDOWS_SKIP_RUST_TESTS:-}" ]; then
  echo "skipped (KIROKU_WINDOWS_SKIP_RUST_TESTS)"
else
export CARGO_TARGET_X86_64_PC_WINDOWS_GNU_RUNNER=$root/scripts/windows/wine-runner.sh
export WINEPATH
WINEPATH=$(win_path "$tools")
test_log=$sandbox/cargo-test.log
set +e
cargo test --locked --no-fail-fast --target "$target" --workspace --exclude kiroku-app 2>&1 | tee "$test_log"
status=${PIPESTATUS[0]}
set -e
passed=$(grep -o '[0-9]* passed' "$test_log" | awk '{s += $1} END {print s + 0}')
failed=$(grep -o '[0-9]* failed' "$test_log" | awk '{s += $1} END {print s + 0}')
ignored=$(grep -o '[0-9]* ignored' "$test_log" | awk '{s += $1} END {print s + 0}')
echo "Rust tests under Wine: $passed passed, $failed failed, $ignored ignored ($(($(date +%s) - t0)) s)"
[ "$status" -eq 0 ] || fail "Rust tests under Wine"
step "Device secret in Windows Credential Manager (the prefix's, under Wine)"
# One test at a time: Wine's Credential Manager lost a write when the two tests used it at once
# (a vault then fell back to password-only).
KIROKU_TEST_SECRET_SERVICE=1 cargo test --locked --target "$target" -p kiroku-api --test secret_service -- --ignored --test-threads=1
unset CARGO_TARGET_X86_64_PC_WINDOWS_GNU_RUNNER WINEPATH
# The Windows test programs are done with; the installer below is the release build.
free_if_short "the Windows test build" "$target_dir/$target/debug"
fi

step "Installer, silently (/S)"
setup_win=$(win_path "$dist/Kiroku-$version-setup.exe")
"$wine" "$setup_win" /S
/usr/lib/wine/wineserver -w
installed=$local_appdata_unix/Programs/Kiroku
for f in kiroku-app.exe kiroku.exe WebView2Loader.dll README.txt 操作マニュアル.pdf uninstall.exe; do
  [ -f "$installed/$f" ] || fail "installed: $f is missing in $installed"
done
[ ! -e "$installed/bcryptprimitives.dll" ] || fail "the Wine shim was installed"
shortcut=$(find "$WINEPREFIX/drive_c/users" -name 'Kiroku 特定個人情報 取扱記録.lnk' | head -1)
[ -n "$shortcut" ] || fail "no Start-menu shortcut"
python3 - "$WINEPREFIX/user.reg" "$version" <<'EOF' || fail "Programs and Features entry"
import re, sys
reg = open(sys.argv[1], encoding="utf-8", errors="replace").read()
key = reg.split("[Software\\\\Microsoft\\\\Windows\\\\CurrentVersion\\\\Uninstall\\\\Kiroku]", 1)
assert len(key) == 2, "no HKCU Uninstall\\Kiroku key"
block = key[1].split("\n\n", 1)[0]
def value(name):
    m = re.search(r'^"%s"="(.*)"$' % name, block, re.M)
    assert m, "no " + name
    return re.sub(r"\\x([0-9a-f]{4})", lambda h: chr(int(h.group(1), 16)), m.group(1))
assert value("DisplayName") == "Kiroku 特定個人情報 取扱記録", value("DisplayName")
assert value("DisplayVersion") == sys.argv[2], value("DisplayVersion")
assert value("Publisher"), "no publisher"
assert "uninstall.exe" in value("UninstallString")
print("Programs and Features:", value("DisplayName"), value("DisplayVersion"), value("Publisher"))
EOF
kiroku() { "$wine" "$(win_path "$installed/kiroku.exe")" "$@"; }
got=$(kiroku --version | tr -d '\r')
[ "$got" = "kiroku $version" ] || fail "installed kiroku.exe --version said: $got"
echo "installed: $installed ($(du -sh "$installed" | cut -f1)); kiroku.exe --version: $got"

step "CLI smoke run of the installed kiroku.exe (vault in %LOCALAPPDATA%\\Kiroku)"
vault_unix=$local_appdata_unix/Kiroku/office.kiroku
mkdir -p "$(dirname "$vault_unix")"
export KIROKU_VAULT="$local_appdata\\Kiroku\\office.kiroku" KIROKU_PASSWORD=officer-pass-1
# A 12-digit number with a valid check digit (a 個人番号 as far as anyone can tell).
my_number=528473910645
out=$sandbox/out
mkdir -p "$out"
KIROKU_NEW_PASSWORD=officer-pass-1 kiroku --json init --org "テスト広域事務組合" --user boss --name "山田 太郎" --dept 総務課 >"$out/init.json"
recovery=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["recovery_code"])' "$out/init.json")
[ -n "$recovery" ] || fail "init gave no recovery code"
grep -q '"protection"' "$out/init.json"
echo "init: $(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["org_name"], d["protection"])' "$out/init.json")"
KIROKU_NEW_PASSWORD=clerk-pass-1 kiroku user add --id sato --name "佐藤 花子" --role clerk --dept 業務課
kiroku --json person add --kind staff --name "鈴木 一郎" --dept 業務課 >"$out/person.json"
person=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["id"])' "$out/person.json")
kiroku --user boss event add --kind acquire --date 2025-04-01 --affair 1 --person "$person" --source person --method mynumber_card
set +e
kiroku event add --kind use --date 2025-04-02 --affair 1 --person "$person" --content "番号 $my_number" >"$out/refused.txt" 2>&1
refused=$?
set -e
[ "$refused" -eq 1 ] || fail "a 個人番号 in a text was not refused (exit $refused)"
! grep -q "$my_number" "$out/refused.txt" || fail "the refusal echoed the number"
kiroku event list
pdf_win="$(win_path "$out")\\lifecycle.pdf"
kiroku print lifecycle --fy 2025 --out "$pdf_win"
head -c 5 "$out/lifecycle.pdf" | grep -q '%PDF-' || fail "print made no PDF"
echo "PDF: $(stat -c %s "$out/lifecycle.pdf") bytes"
backup_win="$(win_path "$out")\\office.kiroku-backup"
kiroku backup --out "$backup_win"
kiroku audit verify
restored_win="$(win_path "$out")\\restored.kiroku"
KIROKU_RECOVERY_CODE=$recovery KIROKU_NEW_PASSWORD=new-pass-123 \
  kiroku restore --from "$backup_win" --vault "$restored_win" --user boss
KIROKU_VAULT=$restored_win KIROKU_PASSWORD=new-pass-123 kiroku audit verify
KIROKU_VAULT=$restored_win KIROKU_PASSWORD=new-pass-123 kiroku event list | grep -q "鈴木" \
  || fail "the restored vault lacks the event"
for f in "$vault_unix"* "$out"/restored.kiroku* "$out/office.kiroku-backup"; do
  ! grep -qa "$my_number" "$f" || fail "the 個人番号 is in $f"
  ! grep -qa "鈴木" "$f" || fail "a name is readable in $f (not encrypted)"
done
echo "canary: no 個人番号 and no readable name in $(ls "$vault_unix"* "$out"/restored.kiroku* "$out/office.kiroku-backup" | wc -l) files"

step "kiroku-app.exe --check (the start-up path without a window)"
unset KIROKU_VAULT KIROKU_PASSWORD
set +e
"$wine" "$(win_path "$installed/kiroku-app.exe")" --check >"$out/check.txt" 2>&1
check_status=$?
set -e
tr -d '\r' <"$out/check.txt"
# Wine has no WebView2: exit 2 = the vault and the credential store are fine, no web view.
[ "$check_status" -eq 2 ] || fail "kiroku-app --check exited $check_status (expected 2: no WebView2 under Wine)"
grep -q "既定の場所" "$out/check.txt" || fail "--check did not use the default vault"
grep -q 'AppData\\Local\\Kiroku\\office.kiroku' "$out/check.txt" || fail "--check: the default vault is not in %LOCALAPPDATA%\\Kiroku"
grep -q "Windows 資格情報マネージャー を使えます（この記録ファイルの端末鍵があります）" "$out/check.txt" \
  || fail "--check: the device secret is not in Wine's Credential Manager"
grep -q "WebView2 ランタイム" "$out/check.txt" || fail "--check did not say what to install"

step "Uninstaller, silently (/S): the program goes, the vault stays"
echo "not a program file" >"$installed/メモ.txt"
vault_sums=$(sha256sum "$vault_unix" "$vault_unix.keys")
"$wine" "$(win_path "$installed/uninstall.exe")" /S
/usr/lib/wine/wineserver -w
for f in kiroku-app.exe kiroku.exe WebView2Loader.dll uninstall.exe; do
  [ ! -e "$installed/$f" ] || fail "uninstall left $f"
done
[ -f "$installed/メモ.txt" ] || fail "uninstall removed a file it did not install"
[ -z "$(find "$WINEPREFIX/drive_c/users" -name 'Kiroku 特定個人情報 取扱記録.lnk')" ] || fail "uninstall left the shortcut"
! grep -q 'Uninstall\\\\Kiroku\]' "$WINEPREFIX/user.reg" || fail "uninstall left the Programs and Features entry"
[ -f "$vault_unix" ] && [ -f "$vault_unix.keys" ] || fail "uninstall touched the vault"
[ "$(sha256sum "$vault_unix" "$vault_unix.keys")" = "$vault_sums" ] || fail "uninstall changed the vault"
echo "program removed; the vault and its key file are in place, byte for byte"

step "Windows checks passed in $(($(date +%s) - t_start)) s"

#!/usr/bin/env bash
# Installs what is missing on a Debian 12 machine (run as root): the Debian packages the build,
# the tests and the desktop shell need, and the UI's npm packages. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  # build: Rust crates with C parts, Tauri (WebKitGTK), keyring (D-Bus)
  build-essential pkg-config libssl-dev libdbus-1-dev
  libwebkit2gtk-4.1-dev libgtk-3-dev libayatana-appindicator3-dev librsvg2-dev
  libsoup-3.0-dev libjavascriptcoregtk-4.1-dev libxdo-dev file
  # tests and tools: sqlite3 (proves it cannot read a vault), a private Secret Service,
  # Xvfb and fonts for looking at the window, poppler for PDFs
  sqlite3 dbus gnome-keyring xvfb imagemagick poppler-utils fonts-ipaexfont fonts-noto-cjk
  # end-to-end tests of the window: WebKitWebDriver (tauri-driver talks to it), curl
  webkit2gtk-driver curl
)
# The Windows build and its tests add their own (KIROKU_WINDOWS_DEPS=1, as set by
# scripts/build-windows.sh and scripts/test-windows.sh).
if [ -n "${KIROKU_WINDOWS_DEPS:-}" ]; then
  packages+=(
    # the mingw-w64 cross compiler, Wine to run the tests, makensis for the installer, zip
    gcc-mingw-w64-x86-64 wine64 nsis zip
  )
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "==> apt-get install ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

command -v cargo >/dev/null || { echo "cargo is missing: install Rust (rustup) first" >&2; exit 1; }
if [ -n "${KIROKU_WINDOWS_DEPS:-}" ] && command -v rustup >/dev/null \
  && ! rustup target list --installed | grep -qx x86_64-pc-windows-gnu; then
  echo "==> rustup target add x86_64-pc-windows-gnu"
  rustup target add x86_64-pc-windows-gnu
fi
command -v npm >/dev/null || { echo "npm is missing: install Node.js 20 first" >&2; exit 1; }

if [ ! -d ui/node_modules ] || [ ui/package-lock.json -nt ui/node_modules/.package-lock.json ]; then
  echo "==> npm ci (ui/)"
  (cd ui && npm ci --no-audit --no-fund --loglevel=error)
fi

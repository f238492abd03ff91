#!/usr/bin/env bash
# Cargo's runner for the x86_64-pc-windows-gnu target (CARGO_TARGET_X86_64_PC_WINDOWS_GNU_RUNNER,
# set by scripts/test-windows.sh): runs a Windows test binary under Wine, in the private prefix
# the script prepared (WINEPREFIX), whose system32 holds the ProcessPrng shim.
set -euo pipefail
: "${WINEPREFIX:?run through scripts/test-windows.sh (WINEPREFIX is not set)}"
exec /usr/lib/wine/wine64 "$@"

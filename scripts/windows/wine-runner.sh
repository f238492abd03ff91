#!/usr/bin/env bash
# Cargo's runner for the x86_64-pc-windows-gnu target (CARGO_TARGET_X86_64_PC_WINDOWS_GNU_RUNNER,
# set by scripts/test-windows.sh): runs a Windows test binary under Wine, in the private prefix
# the script prepared (WINEPREFIX), whose system32 holds the ProcessPrng shim.
#
# Once in a CI run a test program lost its Wine server as it started ('wine client error:0:
# recvmsg: Connection reset by peer') and none of its tests ran. That is Wine's own plumbing,
# not the program: such a run is repeated once (the tests are hermetic, each in its own temp
# dir), and said so on stderr. Any other failure stands.
set -euo pipefail
: "${WINEPREFIX:?run through scripts/test-windows.sh (WINEPREFIX is not set)}"
wine=/usr/lib/wine/wine64
errors=$(mktemp)
trap 'rm -f "$errors"' EXIT
# stdout straight through; stderr through tee, kept to be read below.
status=0
{ "$wine" "$@" 2>&1 1>&3 3>&- | tee "$errors" >&2; } 3>&1 || status=$?
if [ "$status" -ne 0 ] && grep -q "wine client error" "$errors"; then
  echo "wine-runner: $(basename "$1") lost its Wine server ('wine client error'); running it once more" >&2
  status=0
  "$wine" "$@" || status=$?
fi
exit "$status"

# Disk room for a full test run (sourced by scripts/test.sh and scripts/test-windows.sh).
#
# A CI run builds the workspace three ways (Linux debug with its ~50 test programs, Windows
# debug with another ~50 under Wine, Windows release for the installer), then the desktop app
# once more for the end-to-end tests. On a CI machine with a small disk the last build died
# with 'No space left on device'. So every step reports the room left, and a build whose
# outputs are no longer needed is deleted when the disk is short — never on a roomy developer
# machine, where keeping it makes the next run fast.

# Below this many GiB free, finished builds are deleted.
KIROKU_DISK_SHORT_GIB=${KIROKU_DISK_SHORT_GIB:-30}

kiroku_target_dir() { echo "${CARGO_TARGET_DIR:-$PWD/target}"; }

# Free GiB on the target dir's disk (the dir's parent while it does not exist yet).
disk_free_gib() {
  local dir
  dir=$(kiroku_target_dir)
  [ -d "$dir" ] || dir=$(dirname "$dir")
  df -P -BG "$dir" | awk 'NR == 2 { sub("G", "", $4); print $4 }'
}

# One line after each step's heading: room left and the target dir's size.
disk_report() {
  local dir size
  dir=$(kiroku_target_dir)
  size=$( (du -sh "$dir" 2>/dev/null || echo 0) | cut -f1)
  printf '    (disk: %s GiB free; %s in the target dir)\n' "$(disk_free_gib)" "$size"
}

# free_if_short WHAT PATH...: deletes the PATHs when the disk is short, saying what was freed.
free_if_short() {
  local what=$1 free
  shift
  free=$(disk_free_gib)
  if [ "$free" -ge "$KIROKU_DISK_SHORT_GIB" ]; then
    return 0
  fi
  rm -rf "$@"
  echo "    (disk short, ${free} GiB free: deleted $what; now $(disk_free_gib) GiB free)"
}

# The Linux test programs (target/debug/deps/<name>-<hash>, executable, no extension): cargo
# links them again when a test runs; the libraries the desktop app's build needs stay.
linux_test_programs() {
  find "$(kiroku_target_dir)/debug/deps" -maxdepth 1 -type f -perm -u+x ! -name '*.*' 2>/dev/null
}

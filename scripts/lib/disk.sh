# Disk room for a full test run (sourced by scripts/test.sh and scripts/test-windows.sh).
#
# A CI run builds the workspace three ways: Linux debug (its ~50 test programs and the desktop
# app for the end-to-end tests), Windows release for the installer, Windows debug with another
# ~50 test programs under Wine. With all three on it, a CI machine's small disk ran out ('No
# space left on device'). So every step reports the room left, and a build whose outputs are
# no longer needed is deleted when the disk is short — never on a roomy developer machine,
# where keeping it makes the next run fast.

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

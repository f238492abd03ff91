# Sourced by scripts/e2e.sh and scripts/bench-app.sh: a sealed home and a window to drive.

# scratch_home DIR: HOME and XDG_* inside DIR (the app inherits tauri-driver's environment, so
# nothing of the real home is touched); the Rust toolchain stays where it is.
scratch_home() {
  export RUSTUP_HOME="${RUSTUP_HOME:-$HOME/.rustup}" CARGO_HOME="${CARGO_HOME:-$HOME/.cargo}"
  export HOME="$1/home" XDG_DATA_HOME="$1/home/data" XDG_CONFIG_HOME="$1/home/config"
  export XDG_CACHE_HOME="$1/home/cache" KIROKU_CREDENTIAL_STORE=none
  mkdir -p "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME"
}

# start_window DIR: Xvfb on a free display and tauri-driver on port 4444 (log in DIR), both
# stopped when the script exits; returns once the driver answers.
start_window() {
  local display=:$((90 + RANDOM % 9))
  Xvfb "$display" -screen 0 1920x1200x24 >/dev/null 2>&1 &
  local xvfb=$!
  export DISPLAY=$display
  tauri-driver --port 4444 >"$1/tauri-driver.log" 2>&1 &
  local driver=$!
  # shellcheck disable=SC2064 # the PIDs are meant to be fixed now
  trap "kill $driver $xvfb 2>/dev/null || true" EXIT
  for _ in $(seq 50); do curl -s http://127.0.0.1:4444/status >/dev/null && return; sleep 0.2; done
}

# Sourced by the scripts that run the emulator (demo, chaos, benchmarks).
# shellcheck shell=bash

emulator_pid=""
emulator_url=""

# start_emulator BIN DIR [FLAGS...]: starts the emulator BIN on a free loopback port with FLAGS, its
# output in DIR/emulator.out and .err; once it has printed its environment, exports it and sets
# emulator_pid and emulator_url. Returns 1 if the emulator exits or prints an unexpected address.
start_emulator() {
  local bin=$1 dir=$2 _
  shift 2
  "$bin" -addr 127.0.0.1:0 -print-env "$@" >"$dir/emulator.out" 2>"$dir/emulator.err" &
  emulator_pid=$!
  for _ in $(seq 1 100); do
    grep -q '^export ' "$dir/emulator.out" 2>/dev/null && break
    kill -0 "$emulator_pid" 2>/dev/null || { cat "$dir/emulator.err" >&2; return 1; }
    sleep 0.1
  done
  sleep 0.2
  emulator_url=$(head -1 "$dir/emulator.out" | sed -n 's/^listening on //p')
  case "$emulator_url" in http://127.0.0.1:*) ;; *) echo "unexpected emulator address '$emulator_url'" >&2; return 1 ;; esac
  # shellcheck disable=SC1090
  source <(grep '^export ' "$dir/emulator.out")
}

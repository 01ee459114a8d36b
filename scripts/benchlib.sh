# shellcheck shell=bash
# What scripts/bench.sh and scripts/bench-quotas.sh share: the work directory, the builds, the
# emulator, the CLI configuration and timing terraform with every provider process it starts.
# Sourced, never run.

export CHECKPOINT_DISABLE=1 # no version check call to the internet
export TF_IN_AUTOMATION=1
export AWS_EC2_METADATA_DISABLED=true
unset TF_LOG TF_LOG_PATH TF_LOG_PROVIDER TF_LOG_SDK TF_LOG_SDK_PROTO TF_LOG_SDK_FRAMEWORK

random_dir=$(cd "$root/.." && pwd)/shared/tools/terraform-provider-random
# From ../shared/tools/README.md: hashicorp/random v3.9.0+4, terraform-plugin-framework v1.19.0.
random_sha256=08a167a829890cda1a7a1b2cb067e16fbd36e1d231c98bf131971acdde66e961
step_timeout=${BENCH_STEP_TIMEOUT:-1800}

# shellcheck source=scripts/emulator.sh
source "$root/scripts/emulator.sh"
bench_cleanup() {
  if [ -n "$emulator_pid" ]; then kill "$emulator_pid" 2>/dev/null || true; wait "$emulator_pid" 2>/dev/null || true; fi
  if [ "${BENCH_KEEP:-}" = 1 ]; then echo "bench: kept $work"; else rm -rf "$work"; fi
}

bench_load() { cut -d' ' -f1-3 /proc/loadavg; }

# bench_init: the work directory, the tools, and what the figures were measured on.
bench_init() {
  provider_tags=""
  if [ "${BENCH_PPROF:-}" = 1 ]; then provider_tags=pprof BENCH_KEEP=1; fi
  work=$(mktemp -d)
  trap bench_cleanup EXIT
  local tool
  for tool in terraform curl jq awk /usr/bin/time sha256sum; do
    command -v "$tool" >/dev/null || { echo "bench: $tool is required" >&2; exit 1; }
  done
  echo "==> machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo), $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)"
  echo "==> $(TF_CLI_CONFIG_FILE=/dev/null terraform version | head -1), $(go version)"
  echo "==> date: $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(cd "$root" && git rev-parse --short HEAD), load average $(bench_load)"
}

# bench_build: the providers (appauth, its twin, and the checked hashicorp/random binary), the emulator
# and appauth-scenario; a CLI configuration whose dev_overrides start each provider through a wrapper
# that records the provider process's wall, user and system seconds and peak RSS.
bench_build() {
  echo "==> building into $work/bin"
  mkdir -p "$work/bin" "$work/release"
  (cd "$root" && go build -tags "$provider_tags" -o "$work/bin/terraform-provider-appauth" . &&
    go build -tags "twin $provider_tags" -o "$work/bin/terraform-provider-appauthtwin" . &&
    go build -trimpath -ldflags "-s -w" -o "$work/release/terraform-provider-appauth" . &&
    go build -o "$work/bin/appauth-emulator" ./cmd/appauth-emulator &&
    go build -o "$work/bin/appauth-scenario" ./internal/scenario/cmd/appauth-scenario)
  if [ ! -x "$random_dir/terraform-provider-random" ]; then
    echo "bench: $random_dir/terraform-provider-random is missing: the random baseline cannot run" >&2
    exit 1
  fi
  local got
  got=$(sha256sum "$random_dir/terraform-provider-random" | cut -d' ' -f1)
  if [ "$got" != "$random_sha256" ]; then
    echo "bench: $random_dir/terraform-provider-random has sha256 $got, ../shared/tools/README.md says $random_sha256" >&2
    exit 1
  fi
  local name real
  for name in appauth appauthtwin random; do
    real="$work/bin/terraform-provider-$name"
    [ "$name" = random ] && real="$random_dir/terraform-provider-random"
    mkdir -p "$work/plugins/$name"
    printf '#!/bin/sh\nexec /usr/bin/time -a -o "${BENCH_PROC_LOG:-/dev/null}" -f "%%e %%U %%S %%M" %q "$@"\n' "$real" \
      >"$work/plugins/$name/terraform-provider-$name"
    chmod +x "$work/plugins/$name/terraform-provider-$name"
  done
  cat >"$work/terraformrc" <<CFG
provider_installation {
  dev_overrides {
    "appauth/appauth"     = "$work/plugins/appauth"
    "appauth/appauthtwin" = "$work/plugins/appauthtwin"
    "hashicorp/random"    = "$work/plugins/random"
  }
  direct {}
}
CFG
  export TF_CLI_CONFIG_FILE="$work/terraformrc"
  if [ "${BENCH_SDK_LOGS:-}" = trace ]; then
    export TF_LOG_SDK=TRACE TF_LOG_SDK_PROTO=TRACE TF_LOG_SDK_FRAMEWORK=TRACE
    echo "==> provider SDK loggers at TRACE (BENCH_SDK_LOGS=trace)"
  fi
}

# bench_start_emulator [FLAGS...]: the emulator with the APIG fixtures and seed 1, its environment exported.
bench_start_emulator() { start_emulator "$work/bin/appauth-emulator" "$work" -apig-fixtures -seed 1 "$@" || exit 1; }

# bench_emulator_cpu: CPU seconds the emulator process has used so far.
bench_emulator_cpu() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / hz }' "/proc/$emulator_pid/stat"; }
bench_stats_snap() { curl -sf --max-time 10 "$emulator_url/_emulator/stats" >"$1"; }
# bench_stats_since FILE: "<requests> <throttled>" served since the snapshot in FILE.
bench_stats_since() {
  curl -sf --max-time 10 "$emulator_url/_emulator/stats" | jq -r --slurpfile b "$1" \
    '[.total - $b[0].total, ((.throttled // {} | add // 0) - ($b[0].throttled // {} | add // 0))] | @tsv'
}

# bench_terraform KEY DIR ARGS...: runs terraform ARGS in DIR within the step timeout and sets
# bench_wall, bench_cpu (terraform and its providers, user + system), bench_provider_cpu (the provider
# processes alone) and bench_provider_rss (the largest peak RSS of one provider process, kB). The output
# is in DIR/KEY.out. A failure ends the benchmark, unless bench_keep_going is 1: then bench_rc says
# how terraform exited.
bench_keep_going=0
bench_terraform() {
  local key=$1 dir=$2
  shift 2
  local rc=0 log="$dir/$key.out"
  export BENCH_PROC_LOG="$dir/$key.procs"
  : >"$BENCH_PROC_LOG"
  if [ -n "$provider_tags" ]; then
    export APPAUTH_PPROF_DIR="$work/pprof/$key"
    mkdir -p "$APPAUTH_PPROF_DIR"
  fi
  (cd "$dir" && timeout -k 30 "$step_timeout" /usr/bin/time -f '%e %U %S' -o "$log.time" terraform "$@" -input=false -no-color >"$log" 2>&1) || rc=$?
  unset APPAUTH_PPROF_DIR BENCH_PROC_LOG
  # A plan with -detailed-exitcode exits 2 when it found changes: a benchmark failure too.
  bench_rc=$rc
  if [ $rc -ne 0 ] && [ "$bench_keep_going" != 1 ]; then
    tail -30 "$log" >&2
    echo "bench: terraform $* in $dir failed (exit $rc)" >&2
    exit 1
  fi
  bench_wall=$(tail -1 "$log.time" | awk '{ printf "%.2f", $1 }')
  bench_cpu=$(tail -1 "$log.time" | awk '{ printf "%.2f", $2 + $3 }')
  bench_provider_cpu=$(awk 'NF == 4 && $1 ~ /^[0-9.]+$/ { s += $2 + $3 } END { printf "%.2f", s }' "$dir/$key.procs")
  bench_provider_rss=$(awk 'NF == 4 && $1 ~ /^[0-9.]+$/ && $4 > m { m = $4 } END { print m + 0 }' "$dir/$key.procs")
}

# bench_schema_timing: provider start to schema served, `terraform providers schema -json` with the
# provider and without, median of 5.
bench_schema_timing() {
  echo "==> provider start to schema served (terraform providers schema -json, median of 5)"
  mkdir -p "$work/schema-appauth" "$work/schema-empty"
  printf 'terraform {\n  required_providers {\n    appauth = { source = "appauth/appauth" }\n  }\n}\n' >"$work/schema-appauth/main.tf"
  echo 'terraform {}' >"$work/schema-empty/main.tf"
  local d app empty
  for d in schema-appauth schema-empty; do
    local xs=() t0 t1 _
    for _ in 1 2 3 4 5; do
      t0=$(date +%s.%N)
      (cd "$work/$d" && timeout 60 terraform providers schema -json >/dev/null 2>"$work/$d/err") || { cat "$work/$d/err" >&2; exit 1; }
      t1=$(date +%s.%N)
      xs+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.0f", (b - a) * 1000 }')")
    done
    printf -v "${d#schema-}" '%s' "$(printf '%s\n' "${xs[@]}" | sort -n | sed -n 3p)"
  done
  echo "    with the provider ${appauth} ms, without ${empty} ms: provider start + schema $((appauth - empty)) ms"
}

bench_binary_sizes() {
  local dev rel
  dev=$(stat -c %s "$work/bin/terraform-provider-appauth")
  rel=$(stat -c %s "$work/release/terraform-provider-appauth")
  echo "binary: $((dev / 1048576)) MiB ($dev bytes) as built by go build; $((rel / 1048576)) MiB ($rel bytes) with -trimpath -ldflags '-s -w' (release)"
}

#!/usr/bin/env bash
# Side-by-side performance figures (published in BENCHMARKS.md); never part of `make test`.
#
# In one run on this machine, against the emulator on 127.0.0.1 without faults:
#   - terraform apply, a no-change plan and destroy of BENCH_MAIN (1,000) mixed appauth resources
#     (-parallelism=50), next to the same commands on as many terraform_data resources, with ratios;
#   - requests per resource per operation (GET /_emulator/stats), peak RSS of the provider process
#     during the apply (VmHWM of every terraform-provider-appauth process, sampled);
#   - the same apply/plan/destroy for every size in BENCH_SIZES, and apply + no-change plan (no destroy:
#     Terraform's destroy of thousands of resources takes hours here) for every size in
#     BENCH_SCALE_SIZES (scaling);
#   - provider start to schema served (`terraform providers schema -json` with and without the
#     provider, median of 5) and a Go benchmark of GetProviderSchema; binary sizes;
#   - the Go benchmark of httpclient's per-call overhead next to bare net/http.
# Everything lives in a temporary directory (dev_overrides CLI configuration, state); every step has a
# timeout. Settings: BENCH_SIZES ("100 1000"), BENCH_MAIN (1000), BENCH_STEP_TIMEOUT seconds (1800),
# BENCH_SCALE_SIZES ("", e.g. "5000"), BENCH_SKIP_GO=1 skips the Go benchmarks, BENCH_KEEP=1 keeps
# the work directory, BENCH_PPROF=1 builds the provider with -tags pprof and keeps CPU, allocation and
# peak-heap profiles of every provider process of each appauth step in pprof/<step>/ (implies BENCH_KEEP),
# BENCH_SDK_LOGS=trace runs the provider with its SDK loggers at TRACE, as every framework provider does by
# default (main.go turns them off when no TF_LOG* variable is set, since Terraform discards those lines).
set -euo pipefail
export CHECKPOINT_DISABLE=1 # no version check call to the internet

root=$(cd "$(dirname "$0")/.." && pwd)
sizes=${BENCH_SIZES:-"100 1000"}
scale_sizes=${BENCH_SCALE_SIZES:-}
provider_tags=""
if [ "${BENCH_PPROF:-}" = 1 ]; then provider_tags=pprof BENCH_KEEP=1; fi
main_size=${BENCH_MAIN:-1000}
step_timeout=${BENCH_STEP_TIMEOUT:-1800}
parallelism=50

work=$(mktemp -d)
emulator_pid=""
sampler_pid=""
cleanup() {
  if [ -n "$sampler_pid" ]; then kill "$sampler_pid" 2>/dev/null || true; fi
  if [ -n "$emulator_pid" ]; then kill "$emulator_pid" 2>/dev/null || true; wait "$emulator_pid" 2>/dev/null || true; fi
  if [ "${BENCH_KEEP:-}" = 1 ]; then echo "bench: kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

for tool in terraform curl jq awk /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is required" >&2; exit 1; }
done

echo "==> machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo), $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)"
echo "==> $(TF_CLI_CONFIG_FILE=/dev/null terraform version | head -1), $(go version)"
echo "==> date: $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(cd "$root" && git rev-parse --short HEAD)"

echo "==> building into $work/bin"
mkdir -p "$work/bin" "$work/release"
(cd "$root" && go build -tags "$provider_tags" -o "$work/bin/terraform-provider-appauth" . &&
  go build -trimpath -ldflags "-s -w" -o "$work/release/terraform-provider-appauth" . &&
  go build -o "$work/bin/appauth-emulator" ./cmd/appauth-emulator &&
  go build -o "$work/bin/appauth-scenario" ./internal/scenario/cmd/appauth-scenario)
size_dev=$(stat -c %s "$work/bin/terraform-provider-appauth")
size_rel=$(stat -c %s "$work/release/terraform-provider-appauth")

cat >"$work/terraformrc" <<CFG
provider_installation {
  dev_overrides {
    "appauth/appauth" = "$work/bin"
  }
  direct {}
}
CFG
export TF_CLI_CONFIG_FILE="$work/terraformrc"
export TF_IN_AUTOMATION=1
export AWS_EC2_METADATA_DISABLED=true
unset TF_LOG TF_LOG_PATH TF_LOG_PROVIDER TF_LOG_SDK TF_LOG_SDK_PROTO TF_LOG_SDK_FRAMEWORK
if [ "${BENCH_SDK_LOGS:-}" = trace ]; then
  export TF_LOG_SDK=TRACE TF_LOG_SDK_PROTO=TRACE TF_LOG_SDK_FRAMEWORK=TRACE
  echo "==> provider SDK loggers at TRACE (BENCH_SDK_LOGS=trace)"
fi

"$work/bin/appauth-emulator" -addr 127.0.0.1:0 -print-env -apig-fixtures -seed 1 >"$work/emulator.out" 2>"$work/emulator.err" &
emulator_pid=$!
for _ in $(seq 1 100); do
  grep -q '^export ' "$work/emulator.out" 2>/dev/null && break
  kill -0 "$emulator_pid" 2>/dev/null || { cat "$work/emulator.err" >&2; exit 1; }
  sleep 0.1
done
sleep 0.2
emulator_url=$(head -1 "$work/emulator.out" | sed -n 's/^listening on //p')
case "$emulator_url" in http://127.0.0.1:*) ;; *) echo "bench: unexpected emulator address" >&2; exit 1 ;; esac
# shellcheck disable=SC1090
source <(grep '^export ' "$work/emulator.out")
echo "==> emulator on $emulator_url (no faults)"

now() { date +%s.%N; }
# emulator_cpu: CPU seconds the emulator process has used so far.
emulator_cpu() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / hz }' "/proc/$emulator_pid/stat"; }
# timed KEY DIR LOG ARGS...: runs terraform ARGS in DIR with a timeout; records in T[KEY] the wall
# seconds, in C[KEY] the CPU seconds of terraform and its provider processes (user + system), and in
# E[KEY] the CPU seconds the emulator spent meanwhile.
declare -A T C E
timed() {
  local key=$1 dir=$2 log=$3
  shift 3
  local rc=0 e0 e1
  e0=$(emulator_cpu)
  if [ -n "$provider_tags" ] && [[ $key == app_* ]]; then
    export APPAUTH_PPROF_DIR="$work/pprof/$key"
    mkdir -p "$APPAUTH_PPROF_DIR"
  fi
  (cd "$dir" && timeout -k 30 "$step_timeout" /usr/bin/time -f '%e %U %S' -o "$log.time" terraform "$@" -input=false -no-color >"$log" 2>&1) || rc=$?
  e1=$(emulator_cpu)
  unset APPAUTH_PPROF_DIR
  if [ $rc -ne 0 ]; then
    tail -30 "$log" >&2
    echo "bench: terraform $* in $dir failed (exit $rc)" >&2
    exit 1
  fi
  T[$key]=$(awk '{ printf "%.2f", $1 }' "$log.time")
  C[$key]=$(awk '{ printf "%.2f", $2 + $3 }' "$log.time")
  E[$key]=$(awk -v a="$e0" -v b="$e1" 'BEGIN { printf "%.2f", b - a }')
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
stats_snap() { curl -sf --max-time 10 "$emulator_url/_emulator/stats" >"$1"; }
stats_since() { "$work/bin/appauth-scenario" stats -emulator "$emulator_url" -before "$1" -resources "$2" -label "$3"; }

# The provider's peak RSS: every terraform-provider-appauth process started from $work/bin is sampled.
start_sampler() {
  : >"$work/rss"
  (
    while :; do
      for pid in $(pgrep -f "^$work/bin/terraform-provider-appauth" || true); do
        awk '/^VmHWM/ {print $2}' "/proc/$pid/status" 2>/dev/null >>"$work/rss" || true
      done
      sleep 0.1
    done
  ) &
  sampler_pid=$!
}
stop_sampler() {
  kill "$sampler_pid" 2>/dev/null || true
  wait "$sampler_pid" 2>/dev/null || true
  sampler_pid=""
  rss_kb=$(sort -n "$work/rss" | tail -1)
}

# run_size N MODE: applies and plans N resources of each kind; MODE "full" also destroys them (and
# samples the provider's RSS at the main size), MODE "scale" leaves them in place.
run_size() {
  local n=$1 mode=$2 a="$work/appauth-$1" d="$work/data-$1" na check s_apply s_plan s_destroy op ops="apply plan"
  rss_kb=""
  if [ "$mode" = full ]; then
    echo "==> $n resources"
    ops="apply plan destroy"
  else
    echo "==> $n resources: apply and no-change plan only"
  fi
  timeout 600 "$work/bin/appauth-scenario" gen -emulator "$emulator_url" -out "$a" -resources "$n" | sed 's/^/    appauth: /'
  "$work/bin/appauth-scenario" gen -builtin -out "$d" -resources "$n" | sed 's/^/    /'
  na=$(jq '[.resources[]] | add' "$a/expected.json")

  timed data_apply_$n "$d" "$d/apply.out" apply -auto-approve -parallelism=$parallelism
  stats_snap "$work/s0"
  if [ "$mode" = full ] && [ "$n" = "$main_size" ]; then start_sampler; fi
  timed app_apply_$n "$a" "$a/apply.out" apply -auto-approve -parallelism=$parallelism
  if [ -n "$sampler_pid" ]; then stop_sampler; fi
  s_apply=$(stats_since "$work/s0" "$na" apply)
  (cd "$a" && timeout 600 terraform show -json >"$a/show.json")
  check=$("$work/bin/appauth-scenario" check -emulator "$emulator_url" -show "$a/show.json" -expected "$a/expected.json") ||
    { echo "$check" >&2; echo "bench: emulator state does not match terraform state" >&2; exit 1; }

  timed data_plan_$n "$d" "$d/plan.out" plan -detailed-exitcode -parallelism=$parallelism
  stats_snap "$work/s0"
  timed app_plan_$n "$a" "$a/plan.out" plan -detailed-exitcode -parallelism=$parallelism
  s_plan=$(stats_since "$work/s0" "$na" plan)

  if [ "$mode" = full ]; then
    timed data_destroy_$n "$d" "$d/destroy.out" destroy -auto-approve -parallelism=$parallelism
    stats_snap "$work/s0"
    timed app_destroy_$n "$a" "$a/destroy.out" destroy -auto-approve -parallelism=$parallelism
    s_destroy=$(stats_since "$work/s0" "$na" destroy)
    "$work/bin/appauth-scenario" check -emulator "$emulator_url" -empty >/dev/null ||
      { echo "bench: the emulator is not empty after destroy" >&2; exit 1; }
  fi

  echo "    $check"
  for op in $ops; do
    printf '    %-8s appauth %8ss (cpu %7ss + emulator %6ss)   terraform_data %8ss (cpu %7ss)   ratio %sx\n' "$op" \
      "${T[app_${op}_$n]}" "${C[app_${op}_$n]}" "${E[app_${op}_$n]}" "${T[data_${op}_$n]}" "${C[data_${op}_$n]}" \
      "$(ratio "${T[app_${op}_$n]}" "${T[data_${op}_$n]}")"
  done
  echo "    requests $s_apply"
  echo "    requests $s_plan"
  if [ "$mode" = scale ]; then
    scale_rows+=("$(printf '| %6d (%d) | %8s | %8s | %8s | %5sx | %8s | %8s | %5sx |' "$n" "$na" \
      "${T[app_apply_$n]}" "${C[app_apply_$n]}" "${T[data_apply_$n]}" "$(ratio "${T[app_apply_$n]}" "${T[data_apply_$n]}")" \
      "${T[app_plan_$n]}" "${T[data_plan_$n]}" "$(ratio "${T[app_plan_$n]}" "${T[data_plan_$n]}")")")
    return
  fi
  echo "    requests $s_destroy"
  if [ -n "$rss_kb" ]; then echo "    provider peak RSS during apply: $((rss_kb / 1024)) MiB (VmHWM ${rss_kb} kB)"; fi
  cpu_rows+=("$(printf '| %6d | %s | %s | %s | %s | %s | %s | %s | %s | %s |' "$n" \
    "${C[app_apply_$n]}" "${E[app_apply_$n]}" "${C[data_apply_$n]}" \
    "${C[app_plan_$n]}" "${E[app_plan_$n]}" "${C[data_plan_$n]}" \
    "${C[app_destroy_$n]}" "${E[app_destroy_$n]}" "${C[data_destroy_$n]}")")
  results+=("$(printf '| %6d (%d) | %8s | %8s | %5sx | %8s | %8s | %5sx | %8s | %8s | %5sx |' "$n" "$na" \
    "${T[app_apply_$n]}" "${T[data_apply_$n]}" "$(ratio "${T[app_apply_$n]}" "${T[data_apply_$n]}")" \
    "${T[app_plan_$n]}" "${T[data_plan_$n]}" "$(ratio "${T[app_plan_$n]}" "${T[data_plan_$n]}")" \
    "${T[app_destroy_$n]}" "${T[data_destroy_$n]}" "$(ratio "${T[app_destroy_$n]}" "${T[data_destroy_$n]}")")")
}

results=()
cpu_rows=()
scale_rows=()
rss_kb=""
for n in $sizes; do run_size "$n" full; done
for n in $scale_sizes; do run_size "$n" scale; done

echo "==> provider start to schema served (terraform providers schema -json, median of 5)"
mkdir -p "$work/schema-appauth" "$work/schema-empty"
cat >"$work/schema-appauth/main.tf" <<'HCL'
terraform {
  required_providers {
    appauth = { source = "appauth/appauth" }
  }
}
HCL
echo 'terraform {}' >"$work/schema-empty/main.tf"
median5() {
  local dir=$1 xs=()
  for _ in 1 2 3 4 5; do
    local t0 t1
    t0=$(now)
    (cd "$dir" && timeout 60 terraform providers schema -json >/dev/null 2>"$dir/err") || { cat "$dir/err" >&2; exit 1; }
    t1=$(now)
    xs+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.0f", (b - a) * 1000 }')")
  done
  printf '%s\n' "${xs[@]}" | sort -n | sed -n 3p
}
schema_app=$(median5 "$work/schema-appauth")
schema_empty=$(median5 "$work/schema-empty")
echo "    with the provider ${schema_app} ms, without ${schema_empty} ms: provider start + schema $((schema_app - schema_empty)) ms"

if [ "${BENCH_SKIP_GO:-}" != 1 ]; then
  echo "==> Go benchmarks"
  (cd "$root" && timeout 600 go test ./internal/scenario -run '^$' -bench GetProviderSchema -benchmem -benchtime 50x) | grep -E '^Benchmark' | sed 's/^/    /'
  (cd "$root" && timeout 600 go test ./internal/httpclient -run '^$' -bench 'Get' -benchmem -benchtime 3000x) | grep -E '^Benchmark' | sed 's/^/    /'
fi

echo
echo "==> summary (seconds; -parallelism=$parallelism; ratio = appauth / terraform_data; targets apply <= 1.5x, plan <= 5x, destroy <= 1.1x)"
echo "| resources (appauth) | apply | data | ratio | plan | data | ratio | destroy | data | ratio |"
echo "|---|---|---|---|---|---|---|---|---|---|"
for r in "${results[@]}"; do echo "$r"; done
echo
echo "CPU seconds (terraform + provider processes; emulator separately):"
echo "| resources | apply cpu | emulator | data cpu | plan cpu | emulator | data cpu | destroy cpu | emulator | data cpu |"
echo "|---|---|---|---|---|---|---|---|---|---|"
for r in "${cpu_rows[@]}"; do echo "$r"; done
if [ ${#scale_rows[@]} -gt 0 ]; then
  echo
  echo "Scaling, apply and no-change plan only (seconds; CPU of terraform + provider):"
  echo "| resources (appauth) | apply | apply cpu | data | ratio | plan | data | ratio |"
  echo "|---|---|---|---|---|---|---|---|"
  for r in "${scale_rows[@]}"; do echo "$r"; done
fi
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "binary: $((size_dev / 1048576)) MiB ($size_dev bytes) as built by go build; $((size_rel / 1048576)) MiB ($size_rel bytes) with -trimpath -ldflags '-s -w' (release)"
echo "provider start + schema: $((schema_app - schema_empty)) ms"

#!/usr/bin/env bash
# Side-by-side performance figures (published in BENCHMARKS.md); never part of `make test`.
#
# In one run on this machine, against the emulator on 127.0.0.1 without faults or quotas, for N
# (BENCH_N, 1,000) resources of each of four kinds, -parallelism=50:
#   data     terraform_data (no provider at all);
#   random   random_string of hashicorp/random (../shared/tools, checked against its sha256);
#   twin     appauthtwin_authress_connection: the Authress connection's own schema in a provider
#            that sends no request and only echoes the plan (internal/twin, go build -tags twin);
#   appauth  appauth_authress_connection against the emulator.
# twin and appauth have the very same configuration, so appauth/twin is what HTTP and our own code
# cost, Terraform's work on the same schema and state cancelling out.
# Each of BENCH_RUNS (3) rounds applies, then plans (no change, with refresh), then destroys every
# kind, the kinds of each operation one after the other in an order that rotates from round to
# round; figures are medians over the rounds, ratios the median of each round's ratio. For every
# step: wall seconds, CPU seconds of terraform with its providers and of the providers alone, the
# largest peak RSS of any provider process, the state file's bytes per resource, and for appauth the
# emulator's requests and CPU.
#
# The appauth provider's client-side rate governor (10 requests a second for Authress by default)
# would otherwise be the ceiling of this unthrottled comparison: the configuration raises
# max_requests_per_second to BENCH_APPAUTH_RATE (100000).
#
# Settings: BENCH_N, BENCH_RUNS, BENCH_STEP_TIMEOUT seconds (1800), BENCH_KINDS ("data random twin
# appauth"), BENCH_SKIP_GO=1 skips the Go benchmarks and the schema timing, BENCH_KEEP=1 keeps the work
# directory, BENCH_PPROF=1 builds appauth and twin with -tags pprof and keeps CPU, allocation and
# peak-heap profiles of each of their provider processes in pprof/<kind>_<op>_<round>/ (implies
# BENCH_KEEP), BENCH_SDK_LOGS=trace runs the providers with their SDK loggers at TRACE.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=scripts/benchlib.sh
source "$root/scripts/benchlib.sh"

n=${BENCH_N:-1000}
runs=${BENCH_RUNS:-3}
kinds=${BENCH_KINDS:-"data random twin appauth"}
appauth_rate=${BENCH_APPAUTH_RATE:-100000}
parallelism=50

bench_init "$@"
bench_build
bench_start_emulator
echo "==> emulator on $emulator_url (no faults, no quotas)"

# write_configs: one directory per kind with the same N resources (see the header).
write_configs() {
  local k
  mkdir -p "$work/data" "$work/random" "$work/twin" "$work/appauth"
  awk -v n="$n" 'BEGIN {
    for (i = 0; i < n; i++)
      printf "resource \"terraform_data\" \"d%04d\" {\n  input = {\n    name = \"data-%04d\"\n    tags = { scenario = \"data-%04d\" }\n  }\n}\n\n", i, i, i
  }' >"$work/data/main.tf"
  {
    printf 'terraform {\n  required_providers {\n    random = { source = "hashicorp/random" }\n  }\n}\n\n'
    awk -v n="$n" 'BEGIN { for (i = 0; i < n; i++) printf "resource \"random_string\" \"r%04d\" {\n  length = 16\n}\n\n", i }'
  } >"$work/random/main.tf"
  "$work/bin/appauth-scenario" gen -emulator "$emulator_url" -out "$work/gen" -resources "$n" -families authress | sed 's/^/    /'
  # The generated resource blocks, without the generated terraform and provider blocks.
  awk 'f || /^resource /{ f = 1 } f' "$work/gen/main.tf" >"$work/connections.tf"
  {
    printf 'terraform {\n  required_providers {\n    appauth = { source = "appauth/appauth" }\n  }\n}\n\n'
    printf 'provider "appauth" {\n  authress {\n    max_requests_per_second = %s\n  }\n}\n\n' "$appauth_rate"
    cat "$work/connections.tf"
  } >"$work/appauth/main.tf"
  {
    printf 'terraform {\n  required_providers {\n    appauthtwin = { source = "appauth/appauthtwin" }\n  }\n}\n\n'
    sed 's/^resource "appauth_authress_connection"/resource "appauthtwin_authress_connection"/' "$work/connections.tf"
  } >"$work/twin/main.tf"
  for k in $kinds; do
    local got
    got=$(grep -c '^resource ' "$work/$k/main.tf")
    [ "$got" = "$n" ] || { echo "bench: $k has $got resources, want $n" >&2; exit 1; }
    (cd "$work/$k" && timeout 300 terraform init -input=false -no-color >init.out 2>&1 || true)
  done
}
write_configs

# rotated R: the kinds, rotated by R places, so that no kind always runs first or last.
rotated() {
  local r=$1 list i
  read -ra list <<<"$kinds"
  for ((i = 0; i < ${#list[@]}; i++)); do printf '%s ' "${list[$(((i + r) % ${#list[@]}))]}"; done
}

declare -A WALL CPU PCPU RSS SBYTES REQ THR EMU
for ((r = 1; r <= runs; r++)); do
  echo "==> round $r of $runs (order: $(rotated "$r"); load average $(bench_load))"
  for op in apply plan destroy; do
    for k in $(rotated "$r"); do
      case $op in
        apply) args=(apply -auto-approve -parallelism=$parallelism) ;;
        plan) args=(plan -detailed-exitcode -parallelism=$parallelism) ;;
        destroy) args=(destroy -auto-approve -parallelism=$parallelism) ;;
      esac
      s0="$work/stats.before"
      bench_stats_snap "$s0"
      e0=$(bench_emulator_cpu)
      bench_terraform "${k}_${op}_$r" "$work/$k" "${args[@]}"
      e1=$(bench_emulator_cpu)
      key="${k}_${op}_$r"
      WALL[$key]=$bench_wall CPU[$key]=$bench_cpu PCPU[$key]=$bench_provider_cpu RSS[$key]=$bench_provider_rss
      EMU[$key]=$(awk -v a="$e0" -v b="$e1" 'BEGIN { printf "%.2f", b - a }')
      read -r REQ[$key] THR[$key] <<<"$(bench_stats_since "$s0")"
      if [ "$op" = apply ]; then
        SBYTES[$key]=$(awk -v b="$(stat -c %s "$work/$k/terraform.tfstate")" -v n="$n" 'BEGIN { printf "%.0f", b / n }')
      fi
      printf '    %-7s %-7s %8ss  cpu %7ss (providers %6ss)  provider peak RSS %4s MiB  requests %5s (429: %s)  emulator cpu %5ss%s\n' \
        "$op" "$k" "${WALL[$key]}" "${CPU[$key]}" "${PCPU[$key]}" "$((${RSS[$key]:-0} / 1024))" "${REQ[$key]}" "${THR[$key]}" "${EMU[$key]}" \
        "$([ "$op" = apply ] && echo "  state ${SBYTES[$key]} B/resource")"
    done
  done
  if [[ " $kinds " == *" appauth "* ]]; then
    "$work/bin/appauth-scenario" check -emulator "$emulator_url" -empty >/dev/null ||
      { echo "bench: the emulator is not empty after destroy" >&2; exit 1; }
  fi
done

# median of the arguments
median() {
  printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END {
    m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
    s = sprintf("%.2f", m); if (s ~ /\./) sub(/\.?0+$/, "", s); print s }'
}
# med ARRAY KIND OP: the median of ARRAY over the rounds
med() {
  local -n arr=$1
  local xs=() i
  for ((i = 1; i <= runs; i++)); do xs+=("${arr[${2}_${3}_$i]:-0}"); done
  median "${xs[@]}"
}
# medratio KIND BASE OP: the median over the rounds of each round's wall-clock ratio KIND/BASE
medratio() {
  local xs=() i
  for ((i = 1; i <= runs; i++)); do
    xs+=("$(awk -v a="${WALL[${1}_${3}_$i]}" -v b="${WALL[${2}_${3}_$i]}" 'BEGIN { printf "%.3f", a / b }')")
  done
  printf '%.2f' "$(median "${xs[@]}")"
}

echo
echo "==> medians of $runs rounds, $n resources of each kind, -parallelism=$parallelism (load average at the end $(bench_load))"
echo "| op | kind | wall s | cpu s (terraform + providers) | providers cpu s | provider peak RSS MiB | state B/resource | requests | 429 | emulator cpu s |"
echo "|---|---|---|---|---|---|---|---|---|---|"
for op in apply plan destroy; do
  for k in $kinds; do
    printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$op" "$k" "$(med WALL "$k" "$op")" "$(med CPU "$k" "$op")" \
      "$(med PCPU "$k" "$op")" "$(awk -v kb="$(med RSS "$k" "$op")" 'BEGIN { printf "%.0f", kb / 1024 }')" \
      "$([ "$op" = apply ] && med SBYTES "$k" "$op" || echo -)" "$(med REQ "$k" "$op")" "$(med THR "$k" "$op")" "$(med EMU "$k" "$op")"
  done
done
if [[ " $kinds " == *" appauth "* ]]; then
  echo
  echo "wall-clock ratios (median of the rounds' ratios); targets: apply and destroy <= 1.25x random and <= 1.1x twin, plan <= 1.0x random"
  echo "| op | appauth/random | appauth/twin | appauth/data | twin/random | random/data |"
  echo "|---|---|---|---|---|---|"
  for op in apply plan destroy; do
    row="| $op |"
    for pair in "appauth random" "appauth twin" "appauth data" "twin random" "random data"; do
      read -r a b <<<"$pair"
      if [[ " $kinds " == *" $a "* && " $kinds " == *" $b "* ]]; then row+=" $(medratio "$a" "$b" "$op")x |"; else row+=" - |"; fi
    done
    echo "$row"
  done
fi

if [ "${BENCH_SKIP_GO:-}" != 1 ]; then
  bench_schema_timing
  echo "==> Go benchmarks"
  (cd "$root" && timeout 600 go test ./internal/scenario -run '^$' -bench GetProviderSchema -benchmem -benchtime 50x) | grep -E '^Benchmark' | sed 's/^/    /'
  (cd "$root" && timeout 600 go test ./internal/httpclient -run '^$' -bench 'Get' -benchmem -benchtime 3000x) | grep -E '^Benchmark' | sed 's/^/    /'
fi
bench_binary_sizes
echo "load average at the end: $(bench_load)"

#!/usr/bin/env bash
# Applies, plans and destroys against the emulator with its request-rate quotas on, with the
# provider's client-side governor at its default rates and switched off (max_requests_per_second so
# high that it never waits: plain retries on 429), and reports time, requests, 429 answers and the
# floor each quota sets. Published in BENCHMARKS.md; never part of `make test`.
#
#   scripts/bench-quotas.sh authress             QUOTA_N (300) Authress connections, -parallelism=50, behind
#                                                one bucket of QUOTA_RATE (20) requests a second for every route
#   scripts/bench-quotas.sh authress-published   the same at Authress's published quotas (10 a second,
#                                                CreateConnection 1 a second)
#   scripts/bench-quotas.sh mix                  QUOTA_MIX_N (1,000) resources of every family at the
#                                                published quotas (see run_mix)
#
# The floor of an operation is what the quota allows: see floor below. Governor settings compared:
# "default" (the provider's documented rate, no setting), "quota" (max_requests_per_second = the
# quota) and "off" (max_requests_per_second = 100000).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=scripts/benchlib.sh
source "$root/scripts/benchlib.sh"

mode=${1:-}
parallelism=50
bench_keep_going=1

# rate_line SETTING RATE: the max_requests_per_second line for a governor setting.
rate_line() {
  case $1 in
    default) ;;
    quota) echo "    max_requests_per_second = $2" ;;
    off) echo "    max_requests_per_second = 100000" ;;
  esac
}

# floor BEFORE BUCKETS...: the seconds the quota buckets need at least for the requests served since
# the stats snapshot BEFORE. A bucket is "ROUTE_PREFIX RATE BURST CALLERS": the requests of the routes
# whose names start with ROUTE_PREFIX that were served (a refused request takes no token), spread over
# CALLERS buckets of RATE/BURST that refill side by side. The floor is the slowest bucket's.
floor() {
  local before=$1
  shift
  curl -sf --max-time 10 "$emulator_url/_emulator/stats" | jq -r --slurpfile b "$before" --arg buckets "$*" '
    def served($p): [.by_route | to_entries[] | select(.key | startswith($p)) | .value] as $all
      | [(.throttled // {}) | to_entries[] | select(.key | startswith($p)) | .value] as $thr
      | (($all | add // 0) - ($thr | add // 0));
    . as $now
    | [$buckets | split(",")[] | select(. != "") | split(" ") | map(select(. != "")) | . as $bk
       | (($now | served($bk[0])) - ($b[0] | served($bk[0]))) as $n
       | (($n / ($bk[3] | tonumber)) - ($bk[2] | tonumber)) / ($bk[1] | tonumber)
       | if . < 0 then 0 else . end] | max // 0 | . * 10 | round / 10'
}

# step KEY DIR BUCKETS ARGS...: one terraform step, reported as a table row with its requests, 429s
# and its floor (BUCKETS as for floor, comma-separated).
step() {
  local key=$1 dir=$2 buckets=$3
  shift 3
  local s0="$work/stats.before" req thr fl
  bench_stats_snap "$s0"
  bench_terraform "$key" "$dir" "$@"
  read -r req thr <<<"$(bench_stats_since "$s0")"
  fl=$(floor "$s0" "$buckets")
  printf '| %s | %s | %s | %s | %s (%.1f%%) | %s | %sx |\n' "$key" "$bench_wall" "$([ "$bench_rc" = 0 ] && echo ok || echo "FAILED ($bench_rc)")" \
    "$req" "$thr" "$(awk -v t="$thr" -v c="$req" 'BEGIN { print (c ? 100 * t / c : 0) }')" "$fl" \
    "$(awk -v w="$bench_wall" -v f="$fl" 'BEGIN { printf "%.2f", (f > 0 ? w / f : 0) }')"
  if [ "$thr" != 0 ]; then
    curl -sf --max-time 10 "$emulator_url/_emulator/stats" | jq -r --slurpfile b "$s0" \
      '"    429 by route: " + ([.throttled // {} | to_entries[] | "\(.key)=\(.value - ($b[0].throttled[.key] // 0))"] | join(" "))' >&2
  fi
  if [ "$bench_rc" != 0 ]; then
    echo "    $(grep -c '^Error' "$dir/$key.out") errors; the first:" >&2
    grep -m1 -A8 '^Error' "$dir/$key.out" | sed 's/^/    /' >&2 || true
  fi
}

# run_authress QUOTA: QUOTA_N Authress connections applied, planned and destroyed under each governor
# setting. QUOTA "flat": one bucket of QUOTA_RATE requests a second for every route, as a throttling
# proxy would; "published": the emulator's Authress figures (10 a second for every connection route,
# CreateConnection 1 a second).
run_authress() {
  local quota=$1 n=${QUOTA_N:-300} rate=${QUOTA_RATE:-20} setting dir buckets
  case $quota in
    flat)
      bench_start_emulator -quota "authress=$rate/$rate" -quota authress.CreateConnection=off
      echo "==> emulator on $emulator_url: Authress quota $rate requests a second (burst $rate) for every route, no other bucket"
      buckets="authress. $rate $rate 1"
      ;;
    published)
      bench_start_emulator -quotas
      rate=10
      echo "==> emulator on $emulator_url: the published quotas (Authress 10 a second for every route, CreateConnection 1 a second)"
      buckets="authress. 10 10 1,authress.CreateConnection 1 1 1"
      ;;
  esac
  "$work/bin/appauth-scenario" gen -emulator "$emulator_url" -out "$work/gen" -resources "$n" -families authress | sed 's/^/    /'
  awk 'f || /^resource /{ f = 1 } f' "$work/gen/main.tf" >"$work/connections.tf"
  echo "| step | wall s | result | requests | 429 | floor s | wall / floor |"
  echo "|---|---|---|---|---|---|---|"
  for setting in ${QUOTA_SETTINGS:-default quota off}; do
    dir="$work/authress-$setting"
    mkdir -p "$dir"
    {
      printf 'terraform {\n  required_providers {\n    appauth = { source = "appauth/appauth" }\n  }\n}\n\n'
      printf 'provider "appauth" {\n  authress {\n%s\n  }\n}\n\n' "$(rate_line "$setting" "$rate")"
      cat "$work/connections.tf"
    } >"$dir/main.tf"
    step "${setting}_apply" "$dir" "$buckets" apply -auto-approve -parallelism=$parallelism
    step "${setting}_plan" "$dir" "$buckets" plan -parallelism=$parallelism
    step "${setting}_destroy" "$dir" "$buckets" destroy -auto-approve -parallelism=$parallelism
    # What a failed destroy left behind goes before the next setting starts.
    if ! "$work/bin/appauth-scenario" check -emulator "$emulator_url" -empty >/dev/null; then
      echo "    (the emulator still holds connections: destroying again with the governor at the quota)"
      printf 'provider "appauth" {\n  authress {\n    max_requests_per_second = %s\n  }\n}\n' "$rate" >"$dir/provider_override.tf"
      bench_terraform "${setting}_cleanup" "$dir" destroy -auto-approve -parallelism=$parallelism
    fi
  done
}

# run_mix: QUOTA_MIX_N (1,000) resources of every family, as internal/scenario mixes them (AppFabric
# over several accounts and Regions, one provider alias each, since it allows 1 app bundle and 50 app
# authorizations per account and Region), applied and destroyed at the emulator's published quotas
# with the governor at its default rates and off. The floor is the slowest bucket's: AppFabric 5 a
# second per account and Region (the units spread evenly over the slots the scenario reports),
# QuickSight 10 and STS 10 per account and Region (every QuickSight resource is in the default one),
# Authress 10 and CreateConnection 1, APIG 10 per project.
run_mix() {
  local n=${QUOTA_MIX_N:-1000} setting dir slots buckets
  bench_start_emulator
  # The APIG apps the mix authorizes are made before the quotas go on: they are the scenario's
  # set-up, not the benchmark.
  "$work/bin/appauth-scenario" gen -emulator "$emulator_url" -out "$work/gen" -resources "$n" | sed 's/^/    /'
  curl -sf --max-time 10 -X PUT "$emulator_url/_emulator/quotas" -d '{"enabled": true}' >/dev/null
  echo "==> emulator on $emulator_url: the published quotas (GET /_emulator/quotas)"
  slots=$(grep -c '^resource "appauth_appfabric_app_bundle"' "$work/gen/main.tf")
  echo "    AppFabric over $slots account and Region slots (provider aliases: $(grep -c '^  alias' "$work/gen/main.tf"))"
  buckets="appfabric. 5 5 $slots,quicksight. 10 10 1,sts. 10 10 1,authress. 10 10 1,authress.CreateConnection 1 1 1,apig. 10 10 1"
  echo "| step | wall s | result | requests | 429 | floor s | wall / floor |"
  echo "|---|---|---|---|---|---|---|"
  for setting in ${QUOTA_SETTINGS:-default off}; do
    dir="$work/mix-$setting"
    mkdir -p "$dir"
    cp "$work/gen/main.tf" "$work/gen/expected.json" "$dir/"
    if [ "$setting" = off ]; then
      # Every block of every provider configuration gets a rate the governor never waits for.
      sed -i -e 's/^  aws {$/  aws {\n    max_requests_per_second = 100000/' \
        -e 's/^provider "appauth" {}$/provider "appauth" {\n  aws {\n    max_requests_per_second = 100000\n  }\n  authress {\n    max_requests_per_second = 100000\n  }\n  apig {\n    max_requests_per_second = 100000\n  }\n}/' "$dir/main.tf"
      [ "$(grep -c 'max_requests_per_second = 100000' "$dir/main.tf")" -ge 3 ] || { echo "bench: the governor could not be switched off in $dir/main.tf" >&2; exit 1; }
    fi
    step "${setting}_apply" "$dir" "$buckets" apply -auto-approve -parallelism=$parallelism
    (cd "$dir" && timeout 600 terraform show -json >show.json)
    "$work/bin/appauth-scenario" check -emulator "$emulator_url" -show "$dir/show.json" -expected "$dir/expected.json" | sed 's/^/    /' || true
    step "${setting}_destroy" "$dir" "$buckets" destroy -auto-approve -parallelism=$parallelism
    "$work/bin/appauth-scenario" check -emulator "$emulator_url" -empty >/dev/null || echo "    the emulator is not empty after destroy"
  done
}

bench_init
bench_build
case $mode in
  authress) run_authress flat ;;
  authress-published) run_authress published ;;
  mix) run_mix ;;
  *) echo "usage: $0 authress|authress-published|mix" >&2; exit 2 ;;
esac
echo "load average at the end: $(bench_load)"

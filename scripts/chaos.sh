#!/usr/bin/env bash
# Applies a large mixed configuration (every family) against the emulator with injected faults and
# checks that nothing is lost, duplicated or orphaned:
#   - one `terraform apply -parallelism=20` converges, a second plan is empty (-detailed-exitcode 0);
#   - the emulator holds exactly one object per resource (compared from `terraform show -json` and
#     GET /_emulator/state by appauth-scenario check); destroy leaves it empty;
#   - repeated for each seed, then once more with SIGINT sent to terraform mid-apply, after which a
#     second apply must complete with the same counts.
# Everything runs in a temporary directory (CLI configuration with dev_overrides, state, logs) against
# an emulator on 127.0.0.1; every step has a timeout. Exit status is non-zero on any failure.
#
# The emulator is eventually consistent, as AppFabric is: a deleted app authorization stays visible for
# CHAOS_APPFABRIC_DELETING_READS reads and its bundle refuses deletes meanwhile. The configuration keeps
# to AppFabric's quotas (1 app bundle, 50 app authorizations per account and Region) by spreading its
# bundles over Regions and accounts, one provider alias each.
#
# Settings (environment): CHAOS_SEEDS ("1 2 3"; empty: only the Ctrl-C run), CHAOS_INTERRUPT_SEED (42), CHAOS_RESOURCES (200), CHAOS_FAULT_RATE (0.2),
# CHAOS_FAULT_KINDS (429,500,503,reset,commit_drop,latency), CHAOS_APPFABRIC_DELETING_READS (3), CHAOS_STEP_TIMEOUT seconds (900),
# CHAOS_KEEP=1 keeps the work directory. For measuring what slows a round down: CHAOS_RETRY_AFTER (1), the
# seconds the injected 429s and 503s ask for (0: no Retry-After), and CHAOS_AUTHRESS_RATE, a
# max_requests_per_second for the authress block (unset: the provider's defaults, which pace creates
# to Authress's published 1 a second).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
seeds=${CHAOS_SEEDS-"1 2 3"}
resources=${CHAOS_RESOURCES:-200}
rate=${CHAOS_FAULT_RATE:-0.2}
kinds=${CHAOS_FAULT_KINDS:-429,500,503,reset,commit_drop,latency}
deleting_reads=${CHAOS_APPFABRIC_DELETING_READS:-3}
retry_after=${CHAOS_RETRY_AFTER:-1}
step_timeout=${CHAOS_STEP_TIMEOUT:-900}
parallelism=20

work=$(mktemp -d)
# shellcheck source=scripts/emulator.sh
source "$root/scripts/emulator.sh"
stop_emulator() {
  if [ -n "$emulator_pid" ]; then
    kill "$emulator_pid" 2>/dev/null || true
    wait "$emulator_pid" 2>/dev/null || true
    emulator_pid=""
  fi
}
cleanup() {
  stop_emulator
  if [ "${CHAOS_KEEP:-}" = 1 ]; then echo "chaos: kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

command -v terraform >/dev/null || { echo "chaos: terraform 1.11+ must be on PATH" >&2; exit 1; }
command -v curl >/dev/null || { echo "chaos: curl is required" >&2; exit 1; }
command -v jq >/dev/null || { echo "chaos: jq is required" >&2; exit 1; }

echo "==> building the provider, the emulator and appauth-scenario into $work/bin"
mkdir -p "$work/bin"
(cd "$root" && go build -o "$work/bin/terraform-provider-appauth" . &&
  go build -o "$work/bin/appauth-emulator" ./cmd/appauth-emulator &&
  go build -o "$work/bin/appauth-scenario" ./internal/scenario/cmd/appauth-scenario)

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
export CHECKPOINT_DISABLE=1 # no version check call to the internet
export AWS_EC2_METADATA_DISABLED=true
unset TF_LOG TF_LOG_PATH TF_LOG_PROVIDER

# chaos_emulator SEED LOGDIR: the emulator with faults; exports its environment.
chaos_emulator() {
  start_emulator "$work/bin/appauth-emulator" "$2" -apig-fixtures -seed "$1" \
    -fault-rate "$rate" -fault-kinds "$kinds" -latency 100ms -retry-after "$retry_after" -appfabric-deleting-reads "$deleting_reads"
}

tf() { # tf DIR LOG ARGS...: terraform with a timeout, output to LOG; returns terraform's status
  local dir=$1 log=$2
  shift 2
  (cd "$dir" && timeout -k 30 "$step_timeout" terraform "$@" -input=false -no-color >"$log" 2>&1)
}

now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }
faults() { curl -sf --max-time 10 "$emulator_url/_emulator/stats" | jq -r '[.faults | to_entries[] | "\(.key)=\(.value)"] | join(",")'; }
requests() { curl -sf --max-time 10 "$emulator_url/_emulator/stats" | jq -r '.total'; }
# write_faults: faults injected on writes (non-GET) in the request log (the last 2,000 requests), by kind, and
# how many creates were committed and then lost their response.
write_faults() {
  curl -sf --max-time 10 "$emulator_url/_emulator/requests" | jq -r '
    [.[] | select((.fault // "") != "" and .method != "GET")] as $w
    | ($w | group_by(.fault) | map("\(.[0].fault)=\(length)") | join(",")) + "; commit_drop on creates: "
      + ($w | map(select(.fault == "commit_drop" and (.route | test("\\.Create")))) | length | tostring)'
}

failures=0
rows=()
fail() { # fail RUN MESSAGE LOG
  echo "chaos[$1]: FAIL: $2" >&2
  [ -n "${3:-}" ] && [ -f "$3" ] && tail -40 "$3" >&2
  failures=$((failures + 1))
}

# check_state RUN DIR: terraform show -json compared with the emulator; the report is in DIR/check.out.
check_state() {
  local run=$1 dir=$2
  if ! (cd "$dir" && timeout 120 terraform show -json >"$dir/show.json" 2>"$dir/show.err"); then
    echo "terraform show failed" >"$dir/check.out"
    fail "$run" "terraform show failed" "$dir/show.err"
    return 1
  fi
  if ! "$work/bin/appauth-scenario" check -emulator "$emulator_url" -show "$dir/show.json" -expected "$dir/expected.json" >"$dir/check.out" 2>&1; then
    fail "$run" "emulator state does not match terraform state"
    return 1
  fi
}

# set_authress_rate FILE: CHAOS_AUTHRESS_RATE, when set, into the default provider block of FILE.
set_authress_rate() {
  [ -n "${CHAOS_AUTHRESS_RATE:-}" ] || return 0
  sed -i "s/^provider \"appauth\" {}\$/provider \"appauth\" {\n  authress {\n    max_requests_per_second = $CHAOS_AUTHRESS_RATE\n  }\n}/" "$1"
  grep -q "max_requests_per_second = $CHAOS_AUTHRESS_RATE" "$1" || { echo "CHAOS_AUTHRESS_RATE: no empty provider \"appauth\" block in $1"; return 1; }
}

# run_seed SEED [interrupt]: one full round; with "interrupt", terraform gets SIGINT mid-apply first.
run_seed() {
  local seed=$1 mode=${2:-} run="seed $1${2:+ (ctrl-c)}"
  local dir="$work/run-$seed${mode:+-$mode}"
  mkdir -p "$dir"
  local apply_s="-" plan="-" counts="-" destroy="-" empty="-" interrupted="-" result=PASS
  local before=$failures
  echo "==> [$run] emulator with ${rate} faults ($kinds), seed $seed"
  chaos_emulator "$seed" "$dir"
  if ! timeout 300 "$work/bin/appauth-scenario" gen -emulator "$emulator_url" -out "$dir" -resources "$resources" >"$dir/gen.out" 2>&1 ||
    ! set_authress_rate "$dir/main.tf" >>"$dir/gen.out" 2>&1; then
    fail "$run" "generating the configuration failed" "$dir/gen.out"
    stop_emulator
    rows+=("$(printf '%-16s %9s %8s %7s %-10s %-28s %-8s %-6s %s' "$run" "-" "-" "-" "-" "-" "-" "-" FAIL)")
    return
  fi
  sed 's/^/    /' "$dir/gen.out"
  local n
  n=$(jq '[.resources[]] | add' "$dir/expected.json")

  if [ "$mode" = interrupt ]; then
    # Start the apply, wait until about a third of the resources exist, then press Ctrl-C.
    (cd "$dir" && exec timeout -k 30 "$step_timeout" terraform apply -auto-approve -input=false -no-color -parallelism=$parallelism >"$dir/apply-interrupted.out" 2>&1) &
    local tf_pid=$!
    local target=$((n / 3)) waited=0
    while kill -0 "$tf_pid" 2>/dev/null && [ "$(grep -c 'Creation complete' "$dir/apply-interrupted.out" 2>/dev/null || true)" -lt "$target" ] && [ $waited -lt 1200 ]; do
      sleep 0.25
      waited=$((waited + 1))
    done
    # The terraform process is the child of timeout; SIGINT goes to terraform itself, as Ctrl-C would.
    local tpid
    tpid=$(pgrep -P "$tf_pid" -x timeout || true)
    local victim
    victim=$(pgrep -P "${tpid:-$tf_pid}" -x terraform || true)
    if [ -n "$victim" ]; then kill -INT "$victim"; fi
    local rc=0
    wait "$tf_pid" || rc=$?
    interrupted="$(grep -c 'Creation complete' "$dir/apply-interrupted.out" || true)/$n (rc $rc)"
    echo "    SIGINT after $(grep -c 'Creation complete' "$dir/apply-interrupted.out" || true) of $n creations; terraform exited $rc"
    grep -E 'Interrupt received|Stopping operation|Error:' "$dir/apply-interrupted.out" | sort | uniq -c | sed "s/^/    /" | head -10 || true
  fi

  local t0 t1
  t0=$(now)
  if tf "$dir" "$dir/apply.out" apply -auto-approve -parallelism=$parallelism; then
    t1=$(now)
    apply_s=$(secs "$t0" "$t1")
    echo "    apply converged in ${apply_s}s ($(grep -E '^Apply complete' "$dir/apply.out"))"
  else
    t1=$(now)
    apply_s="$(secs "$t0" "$t1")!"
    fail "$run" "apply did not converge" "$dir/apply.out"
  fi
  local wf
  wf=$(write_faults)
  echo "    faults on writes during the apply: $wf"

  local rc=0
  tf "$dir" "$dir/plan.out" plan -detailed-exitcode -parallelism=$parallelism || rc=$?
  plan="exit $rc"
  if [ $rc -ne 0 ]; then
    grep -E '^  # |Plan:|Error' "$dir/plan.out" | head -20 >&2 || true
    fail "$run" "the second plan is not empty (exit $rc)"
  else
    echo "    second plan: no changes"
  fi

  local mark=""
  check_state "$run" "$dir" || mark="!"
  sed 's/^/    /' "$dir/check.out"
  counts=$(sed -n 's/^resources=\([0-9]*\) objects=\([0-9]*\) missing=\([0-9]*\) duplicates=\([0-9]*\) orphans=\([0-9]*\).*/\1 res, \2 obj, \4 dup, \5 orph/p' "$dir/check.out")$mark

  if tf "$dir" "$dir/destroy.out" destroy -auto-approve -parallelism=$parallelism; then
    destroy=ok
  else
    destroy=FAIL
    fail "$run" "destroy failed" "$dir/destroy.out"
  fi
  if "$work/bin/appauth-scenario" check -emulator "$emulator_url" -empty >"$dir/empty.out" 2>&1; then
    empty=yes
  else
    empty=NO
    cat "$dir/empty.out" >&2
    fail "$run" "the emulator is not empty after destroy"
  fi
  local f r
  f=$(faults)
  r=$(requests)
  echo "    requests: $r, injected faults: $f"
  stop_emulator
  [ "$failures" -ne "$before" ] && result=FAIL
  rows+=("$(printf '%-16s %9s %8s %7s %-10s %-28s %-8s %-6s %s' "$run" "$apply_s" "$r" "$plan" "$interrupted" "$counts" "$destroy" "$empty" "$result")")
  rows+=("$(printf '%-16s   faults: %s; on writes during the apply: %s' "" "$f" "$wf")")
}

for seed in $seeds; do
  run_seed "$seed"
done
# The Ctrl-C run uses its own seed so its fault sequence differs from the rounds above.
run_seed "${CHAOS_INTERRUPT_SEED:-42}" interrupt

echo
echo "==> chaos summary: ${resources}+ resources, fault rate $rate ($kinds), Retry-After $retry_after, AppFabric deleting reads $deleting_reads, authress rate ${CHAOS_AUTHRESS_RATE:-default}, -parallelism=$parallelism"
printf '%-16s %9s %8s %7s %-10s %-28s %-8s %-6s %s\n' run "apply(s)" requests plan "ctrl-c" "state vs emulator" destroy empty result
for row in "${rows[@]}"; do echo "$row"; done
if [ "$failures" -ne 0 ]; then
  echo "chaos: $failures failure(s)" >&2
  exit 1
fi
echo "chaos: all runs passed"

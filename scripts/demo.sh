#!/usr/bin/env bash
# Builds the provider and the emulator, applies examples/demo against the emulator on a free loopback
# port, checks that a second plan is empty, prints the outputs and destroys everything. Nothing outside
# a temporary directory is written: the CLI configuration (dev_overrides) and the state live there.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
emulator_pid=""
cleanup() {
  [ -n "$emulator_pid" ] && kill "$emulator_pid" 2>/dev/null && wait "$emulator_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

command -v terraform >/dev/null || { echo "demo: terraform 1.11+ must be on PATH" >&2; exit 1; }

echo "==> building the provider and the emulator"
mkdir -p "$work/bin"
(cd "$root" && go build -o "$work/bin/terraform-provider-appauth" . && go build -o "$work/bin/appauth-emulator" ./cmd/appauth-emulator)

echo "==> starting the emulator"
"$work/bin/appauth-emulator" -addr 127.0.0.1:0 -print-env -apig-fixtures >"$work/emulator.out" 2>"$work/emulator.err" &
emulator_pid=$!
for _ in $(seq 1 100); do
  grep -q '^export ' "$work/emulator.out" 2>/dev/null && break
  kill -0 "$emulator_pid" 2>/dev/null || { cat "$work/emulator.err" >&2; exit 1; }
  sleep 0.1
done
sleep 0.2
head -1 "$work/emulator.out"
# shellcheck disable=SC1090
source <(grep '^export ' "$work/emulator.out")

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
# Only the emulator on 127.0.0.1 is contacted: no version check, no instance-metadata probe.
export CHECKPOINT_DISABLE=1 AWS_EC2_METADATA_DISABLED=true
cp -r "$root/examples/demo" "$work/demo"
cd "$work/demo"

echo "==> terraform apply"
if ! terraform apply -auto-approve -input=false -no-color >"$work/apply.out" 2>&1; then
  cat "$work/apply.out"
  echo "demo: apply failed" >&2
  exit 1
fi
grep -E '(: Creation complete|^Apply complete)' "$work/apply.out"

echo "==> terraform plan (must show no changes)"
set +e
terraform plan -detailed-exitcode -input=false -no-color >"$work/plan.out" 2>&1
plan_rc=$?
set -e
if [ "$plan_rc" -ne 0 ]; then
  cat "$work/plan.out"
  echo "demo: the second plan was not empty (exit $plan_rc)" >&2
  exit 1
fi
grep -E 'No changes' "$work/plan.out"

echo "==> outputs"
terraform output -no-color

echo "==> terraform destroy"
terraform destroy -auto-approve -input=false -no-color >"$work/destroy.out" 2>&1 || { cat "$work/destroy.out"; exit 1; }
grep -E '^Destroy complete' "$work/destroy.out"
echo "==> demo passed"

#!/usr/bin/env bash
# Builds the provider and the emulator, applies examples/demo against the emulator on a free loopback
# port, checks that a second plan is empty, prints the outputs, discovers what it made with `terraform
# query` (Terraform 1.14 and later) and destroys everything. Nothing outside a temporary directory is
# written: the CLI configuration (dev_overrides) and the state live there.
#
#   make demo                                                    # the terraform on PATH
#   TERRAFORM=../shared/tools/terraform-1.15.9/terraform make demo
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
# shellcheck source=scripts/emulator.sh
source "$root/scripts/emulator.sh"
cleanup() {
  [ -n "$emulator_pid" ] && kill "$emulator_pid" 2>/dev/null && wait "$emulator_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

terraform=${TERRAFORM:-terraform}
command -v "$terraform" >/dev/null || { echo "demo: $terraform not found: terraform 1.11+ must be on PATH, or named by TERRAFORM" >&2; exit 1; }
terraform=$(command -v "$terraform")
# The CLI's version, as <major> <minor>.
read -r tf_major tf_minor < <("$terraform" version -json | sed -n 's/.*"terraform_version": *"\([0-9]*\)\.\([0-9]*\)\..*/\1 \2/p')
[ -n "${tf_minor:-}" ] || { echo "demo: cannot read the version of $terraform" >&2; exit 1; }
echo "==> $("$terraform" version | head -1) ($terraform)"

echo "==> building the provider and the emulator"
mkdir -p "$work/bin"
(cd "$root" && go build -o "$work/bin/terraform-provider-appauth" . && go build -o "$work/bin/appauth-emulator" ./cmd/appauth-emulator)

echo "==> starting the emulator"
start_emulator "$work/bin/appauth-emulator" "$work" -apig-fixtures || exit 1
head -1 "$work/emulator.out"

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
if ! "$terraform" apply -auto-approve -input=false -no-color >"$work/apply.out" 2>&1; then
  cat "$work/apply.out"
  echo "demo: apply failed" >&2
  exit 1
fi
grep -E '(: Creation complete|^Apply complete)' "$work/apply.out"

echo "==> terraform plan (must show no changes)"
set +e
"$terraform" plan -detailed-exitcode -input=false -no-color >"$work/plan.out" 2>&1
plan_rc=$?
set -e
if [ "$plan_rc" -ne 0 ]; then
  cat "$work/plan.out"
  echo "demo: the second plan was not empty (exit $plan_rc)" >&2
  exit 1
fi
grep -E 'No changes' "$work/plan.out"

echo "==> outputs"
"$terraform" output -no-color

if [ "$tf_major" -gt 1 ] || [ "$tf_minor" -ge 14 ]; then
  echo "==> terraform query (list resources find what the apply made)"
  bundle=$("$terraform" output -raw appfabric_app_bundle_arn)
  if ! "$terraform" query -no-color -var "appfabric_app_bundle_arn=$bundle" >"$work/query.out" 2>&1; then
    cat "$work/query.out"
    echo "demo: terraform query failed" >&2
    exit 1
  fi
  grep '^list\.' "$work/query.out"
  # Every list block must find what the demo made.
  for list in $(sed -n 's/^list "\([a-z_]*\)" "\([a-z_]*\)".*/list.\1.\2/p' discover.tfquery.hcl); do
    grep -q "^$list " "$work/query.out" || { echo "demo: $list found nothing" >&2; exit 1; }
  done
else
  echo "==> terraform query skipped: Terraform $tf_major.$tf_minor has no list resources (they need 1.14 or later)"
fi

echo "==> terraform destroy"
"$terraform" destroy -auto-approve -input=false -no-color >"$work/destroy.out" 2>&1 || { cat "$work/destroy.out"; exit 1; }
grep -E '^Destroy complete' "$work/destroy.out"
echo "==> demo passed"

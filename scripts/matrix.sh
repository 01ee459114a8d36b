#!/usr/bin/env bash
# Runs the unit and acceptance tests once per CLI of the version matrix (Terraform 1.15.9 and OpenTofu
# 1.12.6; `make test` covers the floor, the terraform on PATH), then fails when a test was skipped on
# every leg: a feature test that no CLI here can run proves nothing.
#
#   ./scripts/matrix.sh                  # every leg
#   MATRIX_LEGS=opentofu-1.12.6 ./scripts/matrix.sh
#
# Terraform 1.15.9 cannot be built through the Go module proxy; it is taken from ../shared/tools and
# checked against its published sha256. OpenTofu is built from its module with the local Go toolchain
# and cached under $APPAUTH_TOOL_CACHE (default ~/.cache/appauth). A missing or mismatching binary
# fails the run: nothing is skipped for want of a binary.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cache=${APPAUTH_TOOL_CACHE:-$HOME/.cache/appauth}
legs=${MATRIX_LEGS:-"terraform-1.15.9 opentofu-1.12.6"}
terraform_sha256=6306e220fb6d9de72d60e2ebcc51c22aef9d5af0967f80f6b2cbaff51f62e23c
opentofu_version=1.12.6

export TF_ACC=1 CHECKPOINT_DISABLE=1 AWS_EC2_METADATA_DISABLED=true
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# OpenTofu prints its warning about a CLI configuration file that does not exist on stdout, where the
# test framework reads the version: name an empty one instead of a missing one.
if [ -n "${TF_CLI_CONFIG_FILE:-}" ] && [ ! -e "$TF_CLI_CONFIG_FILE" ]; then
  : >"$work/empty.tfrc"
  export TF_CLI_CONFIG_FILE="$work/empty.tfrc"
fi

fail() { echo "matrix: $*" >&2; exit 1; }

terraform_binary() {
  local bin="$root/../shared/tools/terraform-1.15.9/terraform"
  [ -x "$bin" ] || fail "Terraform 1.15.9 is missing: expected $bin (../shared/tools beside the project)"
  echo "$terraform_sha256  $bin" | sha256sum --check --status ||
    fail "$bin does not match its published sha256 $terraform_sha256"
  echo "$bin"
}

# tofu_version prints the first line of `tofu version`, or nothing when the binary is absent.
tofu_version() {
  [ -x "$1" ] || return 0
  local out
  out=$("$1" version 2>/dev/null) || return 0
  echo "${out%%$'\n'*}"
}

opentofu_binary() {
  local bin="$cache/opentofu-$opentofu_version/tofu"
  if [ "$(tofu_version "$bin")" != "OpenTofu v$opentofu_version" ]; then
    echo "==> building OpenTofu $opentofu_version through the Go module proxy into $(dirname "$bin")" >&2
    local dir
    dir=$(cd "$work" && go mod download -json "github.com/opentofu/opentofu@v$opentofu_version" |
      sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
    [ -n "$dir" ] || fail "go mod download of github.com/opentofu/opentofu@v$opentofu_version printed no Dir"
    mkdir -p "$(dirname "$bin")"
    (cd "$dir" && go build -ldflags "-s -w -X github.com/opentofu/opentofu/version.dev=no" -o "$bin.tmp" ./cmd/tofu)
    mv "$bin.tmp" "$bin"
  fi
  [ "$(tofu_version "$bin")" = "OpenTofu v$opentofu_version" ] || fail "$bin is not OpenTofu $opentofu_version"
  echo "$bin"
}

summaries=()
for leg in $legs; do
  case "$leg" in
    terraform-1.15.9) bin=$(terraform_binary); extra=() ;;
    opentofu-$opentofu_version)
      bin=$(opentofu_binary)
      # The in-process provider is reattached under OpenTofu's registry host.
      extra=(TF_ACC_PROVIDER_HOST=registry.opentofu.org) ;;
    *) fail "unknown leg $leg (known: terraform-1.15.9 opentofu-$opentofu_version)" ;;
  esac
  # Tests that run the CLI themselves call "terraform" from PATH; the leg's binary answers to that name.
  mkdir -p "$work/$leg/bin"
  ln -sf "$bin" "$work/$leg/bin/terraform"
  version=$("$bin" version)
  echo "==> $leg: ${version%%$'\n'*}"
  start=$(date +%s)
  set +e
  env "${extra[@]}" PATH="$work/$leg/bin:$PATH" TF_ACC_TERRAFORM_PATH="$bin" \
    go test ./... -count=1 -timeout 30m -parallel 4 -json >"$work/$leg.json" 2>"$work/$leg.err"
  rc=$?
  set -e
  seconds=$(( $(date +%s) - start ))
  (cd "$root" && go run ./internal/testmatrix summary "$leg" "$seconds" "$work/$leg.json") || rc=1
  if [ "$rc" -ne 0 ]; then
    cat "$work/$leg.err" >&2
    (cd "$root" && go run ./internal/testmatrix failures "$work/$leg.json") >&2 || true
    fail "$leg failed"
  fi
  summaries+=("$work/$leg.json")
done

(cd "$root" && go run ./internal/testmatrix unrun "${summaries[@]}")

#!/usr/bin/env bash
# Compiles and lints the Bicep infrastructure and checks the compiled template against the design.
# Needs only the .NET SDK and NuGet access: the Bicep CLI comes from the
# Azure.Bicep.CommandLine.linux-x64 package restored by tools/BicepCli.csproj, and the template
# checks are a .NET file-based app (checks/TemplateChecks.cs). Fails on any compiler or linter error
# or warning, on a file that `bicep format` would change, and on any failed template check.
set -euo pipefail

infra_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
tool_project="$infra_dir/tools/BicepCli.csproj"

fail() { echo "infra/build.sh: $*" >&2; exit 1; }

dotnet restore "$tool_project" --nologo --verbosity quiet >/dev/null \
  || fail "restoring the Bicep CLI package failed (dotnet restore $tool_project)"
bicep="$(dotnet msbuild "$tool_project" -nologo -getProperty:BicepPath | tr -d '\r' | tail -n 1)"
[[ -n "$bicep" && -f "$bicep" ]] || fail "Bicep CLI not found after restore (BicepPath='$bicep')"
if [[ ! -x "$bicep" ]]; then
  # Some package extractions drop the execute bit; the package folder may also be read-only.
  chmod +x "$bicep" 2>/dev/null || {
    copy="$infra_dir/tools/obj/bicep"
    cp "$bicep" "$copy" && chmod +x "$copy" && bicep="$copy"
  }
fi
# The CLI does not need culture data; this keeps it runnable where libicu is not installed.
export DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1
echo "infra/build.sh: $("$bicep" --version)"

scenarios="$(mktemp -d)"
trap 'rm -rf "$scenarios"' EXIT

failures=0
run() { # description, command...; the command's stdout goes to $run_stdout (default: discarded)
  local description="$1"; shift
  local output status=0
  output="$("$@" 2>&1 >"${run_stdout:-/dev/null}")" || status=$?
  if (( status != 0 )) || grep -Eq ' : (Warning|Error) ' <<<"$output"; then
    echo "FAIL $description"
    [[ -n "$output" ]] && sed 's/^/     /' <<<"$output"
    failures=$((failures + 1))
  else
    echo "ok   $description"
  fi
}

format_check() { # file
  "$bicep" format "$1" --stdout | diff -u "$1" - >&2
}

run "bicep build main.bicep" "$bicep" build "$infra_dir/main.bicep" --stdout
run "bicep lint main.bicep (and its modules)" "$bicep" lint "$infra_dir/main.bicep"
# Placeholders stand in for the deployer's environment so the parameter file is checked against
# the template's parameter names and types. Each secret gets a distinct made-up value, which the
# template checks look for outside Key Vault. Two scenarios: one webhook secret, and two while
# rotating it.
placeholders=(
  -u REFUNDS_BASE_NAME -u STRIPE_WEBHOOK_SECRET_NEXT
  INTACCT_SENDER_ID=sender-id INTACCT_COMPANY_ID=company-id INTACCT_USER_ID=user-id
  AUTH_ISSUER=https://issuer.invalid/ AUTH_AUDIENCE=refunds-api
  AUTH_METADATA_ADDRESS=https://issuer.invalid/.well-known/openid-configuration
  STRIPE_API_KEY=placeholder-stripe-api-key STRIPE_WEBHOOK_SECRET=placeholder-stripe-webhook-secret
  INTACCT_SENDER_PASSWORD=placeholder-intacct-sender-password
  INTACCT_USER_PASSWORD=placeholder-intacct-user-password
  LISTING_TOKEN_KEY=placeholder-listing-token-key-0123456789
)
run_stdout="$scenarios/one-webhook-secret.json" run "bicep build-params main.bicepparam" \
  env "${placeholders[@]}" "$bicep" build-params "$infra_dir/main.bicepparam" --stdout
run_stdout="$scenarios/rotating-webhook-secret.json" run "bicep build-params main.bicepparam (rotating the webhook secret)" \
  env "${placeholders[@]}" STRIPE_WEBHOOK_SECRET_NEXT=placeholder-stripe-webhook-secret-next \
  "$bicep" build-params "$infra_dir/main.bicepparam" --stdout
for file in "$infra_dir"/main.bicep "$infra_dir"/modules/*.bicep "$infra_dir"/main.bicepparam; do
  run "bicep format leaves ${file#"$infra_dir"/} unchanged" format_check "$file"
done

# The design, checked on the compiled template of both scenarios: Flex Consumption, .NET 10 isolated,
# identity-based host storage, the roles Durable Functions needs, Application Insights, Key Vault
# references. The checker also proves each check fails on a template broken on purpose.
if [[ -s "$scenarios/one-webhook-secret.json" && -s "$scenarios/rotating-webhook-secret.json" ]]; then
  dotnet run --file "$infra_dir/checks/TemplateChecks.cs" -- \
    "$scenarios/one-webhook-secret.json" "$scenarios/rotating-webhook-secret.json" \
    || failures=$((failures + 1))
else
  echo "FAIL template checks: no compiled parameter files to check"
  failures=$((failures + 1))
fi

(( failures == 0 )) || fail "$failures check(s) failed"
echo "infra/build.sh: all checks passed"

#!/usr/bin/env bash
# Compiles and lints the Bicep infrastructure. Needs only the .NET SDK and NuGet access: the Bicep
# CLI comes from the Azure.Bicep.CommandLine.linux-x64 package restored by tools/BicepCli.csproj.
# Fails on any compiler or linter error or warning, and on a file that `bicep format` would change.
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

failures=0
run() { # description, command...
  local description="$1"; shift
  local output status=0
  output="$("$@" 2>&1 >/dev/null)" || status=$?
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
# the template's parameter names and types.
run "bicep build-params main.bicepparam" env \
  INTACCT_SENDER_ID=x INTACCT_COMPANY_ID=x INTACCT_USER_ID=x \
  AUTH_ISSUER=x AUTH_AUDIENCE=x AUTH_METADATA_ADDRESS=x \
  STRIPE_API_KEY=x STRIPE_WEBHOOK_SECRET=x INTACCT_SENDER_PASSWORD=x INTACCT_USER_PASSWORD=x \
  "$bicep" build-params "$infra_dir/main.bicepparam" --stdout
for file in "$infra_dir"/main.bicep "$infra_dir"/modules/*.bicep "$infra_dir"/main.bicepparam; do
  run "bicep format leaves ${file#"$infra_dir"/} unchanged" format_check "$file"
done

(( failures == 0 )) || fail "$failures check(s) failed"
echo "infra/build.sh: all checks passed"

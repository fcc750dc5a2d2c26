#!/usr/bin/env bash
# Runs Refunds locally: Azurite (from npm), a Stripe stand-in unless Stripe__ApiKey is set, the app on
# http://127.0.0.1:7071, and a seeded demo organization. Prints the curl commands to try it.
set -euo pipefail
cd "$(dirname "$0")"
if [ ! -x node_modules/.bin/azurite ]; then
  echo "run-local: installing Azurite with npm ci (once)..."
  npm ci --no-audit --no-fund --loglevel=error
fi

# Builds (Debug) only when a source of the local run changed since its last build here, and says so: a first build is
# silent for half a minute or more, and even a build with nothing to do takes seconds. Then runs the built dll directly
# (`dotnet run` would add seconds of project evaluation).
out=tools/Refunds.LocalRun/bin/Debug/net10.0
dll="$out/Refunds.LocalRun.dll"
stamp="$out/.run-local-built"
stale() {
  [[ ! -f "$dll" || ! -f "$stamp" ]] && return 0
  [[ -n "$(find functions tools/Refunds.LocalRun tests/Refunds.StripeStandIn tests/Refunds.IntacctStandIn \
      tests/Refunds.TestSupport Directory.Build.props Directory.Packages.props \
      \( -path '*/bin' -o -path '*/obj' \) -prune -o \
      \( -name '*.cs' -o -name '*.csproj' -o -name '*.props' \) -newer "$stamp" -print -quit)" ]]
}
if stale; then
  echo "run-local: building the app (Debug; half a minute or more the first time)..."
  built=$SECONDS
  mkdir -p "$out"
  touch "$stamp.next"   # sources edited during the build make the next start build again
  if ! log=$(dotnet build tools/Refunds.LocalRun --nologo -v quiet 2>&1); then
    printf '%s\n' "$log" >&2
    exit 1
  fi
  mv "$stamp.next" "$stamp"
  echo "run-local: built in $((SECONDS - built)) s"
else
  echo "run-local: no source changed since the last build; starting"
fi
exec dotnet "$PWD/$dll" "$@"   # the absolute path tells checkouts apart in ps

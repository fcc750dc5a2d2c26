#!/usr/bin/env bash
# Runs Refunds locally: Azurite (from npm), a Stripe stand-in unless Stripe__ApiKey is set, the app on
# http://127.0.0.1:7071, and a seeded demo organization. Prints the curl commands to try it.
set -euo pipefail
cd "$(dirname "$0")"
if [ ! -x node_modules/.bin/azurite ]; then
  echo "run-local: installing Azurite with npm ci (once)..."
  npm ci --no-audit --no-fund --loglevel=error
fi
# Build first and say so: a first build is silent for half a minute or more; with nothing changed it takes seconds.
echo "run-local: building the app (Debug; about 30 s the first time, a few seconds after that)..."
built=$SECONDS
if ! log=$(dotnet build tools/Refunds.LocalRun --nologo -v quiet 2>&1); then
  printf '%s\n' "$log" >&2
  exit 1
fi
echo "run-local: built in $((SECONDS - built)) s"
exec dotnet run --no-build --project tools/Refunds.LocalRun -- "$@"

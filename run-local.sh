#!/usr/bin/env bash
# Runs Refunds locally: Azurite (from npm), a Stripe stand-in unless Stripe__ApiKey is set, the app on
# http://127.0.0.1:7071, and a seeded demo organization. Prints the curl commands to try it.
set -euo pipefail
cd "$(dirname "$0")"
if [ ! -x node_modules/.bin/azurite ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
exec dotnet run --project tools/Refunds.LocalRun -- "$@"

#!/usr/bin/env bash
# Runs every check and test on a fresh machine: installs Azurite (npm ci), restores NuGet packages,
# builds with warnings as errors, builds and lints the Bicep infrastructure, then runs all test projects.
set -euo pipefail
cd "$(dirname "$0")"

# Debian's chromium for the ops console's browser tests: installed beside the build, waited for before the tests.
chromium_log=$(mktemp)
tools/install-chromium.sh >"$chromium_log" 2>&1 &
chromium_pid=$!

echo "== npm ci (Azurite)"
npm ci --no-audit --no-fund --loglevel=error

echo "== dotnet build"
dotnet build Refunds.Functions.sln -c Release --nologo -v minimal

if [ -x infra/build.sh ]; then
  echo "== bicep build + lint"
  infra/build.sh
fi

if [ -x tools/test-publish.sh ]; then
  echo "== publish packaging checks"
  tools/test-publish.sh
fi

wait "$chromium_pid" || { cat "$chromium_log" >&2; echo "tools/install-chromium.sh failed" >&2; exit 1; }
rm -f "$chromium_log"

echo "== dotnet test"
log=$(mktemp)
set +e
# Every project but the chaos tests, in parallel; then the chaos tests alone: they run the app as separate processes,
# kill them and check how the Durable engine hands partitions over, which the load of the other projects would stretch.
dotnet test Refunds.AllButChaos.slnf -c Release --no-build --nologo -v minimal 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
echo "== dotnet test (chaos, alone)"
dotnet test tests/Refunds.ChaosTests/Refunds.ChaosTests.csproj -c Release --no-build --nologo -v minimal 2>&1 | tee -a "$log"
chaos=${PIPESTATUS[0]}
set -e
if [ "$status" -eq 0 ]; then
  status=$chaos
fi

# One plain summary line over all test projects, for CI logs.
passed=$(grep -Eo 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -Eo 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
skipped=$(grep -Eo 'Skipped: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
rm -f "$log"
echo "tests: ${passed} passed, ${failed} failed, ${skipped} skipped"
if [ "$passed" -eq 0 ] && [ "$status" -eq 0 ]; then
  echo "no test ran" >&2
  exit 1
fi
exit "$status"

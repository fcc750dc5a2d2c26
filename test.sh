#!/usr/bin/env bash
# Runs every check and test on a fresh machine: installs Azurite (npm ci) while it restores NuGet packages and builds
# the integration tests' projects with warnings as errors, starts the integration tests while the rest of the solution
# builds, then runs the other test projects, up to TEST_PROJECTS_AT_ONCE (default 2) at a time counting the
# integration tests, with the Bicep and publish packaging checks beside them and the chaos tests once the integration
# tests have ended. Prints a line per finished test project, a heartbeat every 30 s, the totals line (`tests: N passed,
# N failed, N skipped`) and the 10 slowest tests. Logs and TRX files go to TEST_RESULTS_DIR (default: a temporary
# folder, kept when something failed).
set -euo pipefail
cd "$(dirname "$0")"

# Every .NET process here is short-lived (the build's, the test hosts, the apps the tests start): dynamic PGO's
# instrumented code costs CPU it never earns back in them (integration tests alone: 142 s of CPU with it, 98-110 s
# without), and server GC gives each app process a heap and a GC thread per core on a 2-core machine. Neither changes
# what a test checks; the deployed app keeps the runtime's defaults. The test processes also keep their first, quickly
# compiled code (DOTNET_TC_CallCounting=0, set in run_project): recompiling hot methods cost the integration tests 10 %
# of their CPU and saved no time. The build keeps it: the compiler runs long enough to earn it back.
export DOTNET_TieredPGO="${DOTNET_TieredPGO:-0}" DOTNET_gcServer="${DOTNET_gcServer:-0}"

results="${TEST_RESULTS_DIR:-$(mktemp -d)}"
mkdir -p "$results"
at_once="${TEST_PROJECTS_AT_ONCE:-2}"
heartbeat=30
begin=$SECONDS

# Background jobs ignore SIGINT (no job control here): on Ctrl+C or SIGTERM, end what this script started.
kill_tree() { local child; for child in $(pgrep -P "$1" 2>/dev/null); do kill_tree "$child"; done; kill -TERM "$1" 2>/dev/null || true; }
trap 'for job in $(jobs -p); do kill_tree "$job"; done; exit 130' INT TERM

# Debian's chromium for the ops console's browser tests: installed beside the build, waited for before the tests.
chromium_log=$(mktemp)
tools/install-chromium.sh >"$chromium_log" 2>&1 &
chromium_pid=$!

elapsed() { # seconds -> 1m05s / 42s
  local s=$1
  if (( s >= 60 )); then printf '%dm%02ds' $((s / 60)) $((s % 60)); else printf '%ds' "$s"; fi
}

# The Bicep and publish packaging checks need no test and no test needs them: they run beside the build and the tests
# at the lowest priority, taking the CPU those leave. Each prints its line when it ends and writes its exit code.
start_check() { # name, script; run in the background
  local name=$1 script=$2 log="$results/check-${1// /-}.log" started=$SECONDS
  if nice -n 10 "$script" >"$log" 2>&1; then
    echo "   ok   $name ($(elapsed $((SECONDS - started))))"
    echo 0 >"$log.rc"
  else
    echo "   FAIL $name ($(elapsed $((SECONDS - started)))):"
    sed 's/^/     /' "$log"
    echo 1 >"$log.rc"
  fi
}
check_pids=()
# The Bicep check needs nothing built (the Bicep CLI comes from its own NuGet package), so it starts now, while the
# machine mostly waits on NuGet and npm downloads.
start_check "bicep build + lint" infra/build.sh &
check_pids+=($!)

# Test projects: those of Refunds.AllButChaos.slnf that are test projects, two at a time at a lower priority
# ($nice_tests): the integration tests first (they start while the rest builds), then the slow ones first. The chaos
# tests run the app as separate processes, kill them and wait for the Durable engine to hand partitions over: they
# take no slot and run at the normal priority, because their apps must renew partition leases and finish episodes on
# time, and they start only once the integration tests have ended. Started with everything else (load average 15 to
# 33), a renewal ran late and both hosts wrote one instance's history ("split brain"), and twice in nine runs the
# killed app's refunds stopped moving (their event messages came back while still in hand and were processed again).
nice_tests="${TEST_NICENESS:-5}"
integration=tests/Refunds.IntegrationTests/Refunds.IntegrationTests.csproj
chaos=tests/Refunds.ChaosTests/Refunds.ChaosTests.csproj
mapfile -t projects < <(python3 - <<'PY'
import json, pathlib
slnf = json.loads(pathlib.Path("Refunds.AllButChaos.slnf").read_text(encoding="utf-8-sig"))
paths = [p.replace("\\", "/") for p in slnf["solution"]["projects"]]
tests = [p for p in paths if "<IsTestProject>true</IsTestProject>" in pathlib.Path(p).read_text() and pathlib.Path(p).stem != "Refunds.IntegrationTests"]
slow_first = ["Refunds.OpsConsole.Tests", "Refunds.ReadmeTests", "Refunds.DurableHost.Tests", "Refunds.Storage.Tests", "Refunds.Functions.Tests"]
rank = lambda p: slow_first.index(pathlib.Path(p).stem) if pathlib.Path(p).stem in slow_first else len(slow_first)
print("\n".join(sorted(tests, key=rank)))
PY
)

run_project() { # niceness csproj; writes <name>.log, <name>.trx, <name>.rc, <name>.secs under $results
  local name started status=0
  name="$(basename "$2" .csproj)"
  started=$SECONDS
  nice -n "$1" env DOTNET_TC_CallCounting="${DOTNET_TC_CallCounting:-0}" dotnet test "$2" -c Release --no-build --nologo --results-directory "$results" \
    --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=normal" >"$results/$name.log" 2>&1 || status=$?
  echo $((SECONDS - started)) >"$results/$name.secs"
  echo "$status" >"$results/$name.rc"
}

# "12 done" from the console logger's result lines, for the heartbeat.
done_count() { grep -cE '^\s+(Passed|Failed|Skipped) ' "$results/$1.log" 2>/dev/null || true; }

report_project() { # name; prints its line, returns its exit code
  local name=$1 rc secs counts
  rc=$(cat "$results/$name.rc")
  secs=$(cat "$results/$name.secs")
  counts=$(python3 tools/trx-report.py counts "$results/$name.trx" 2>/dev/null || echo "no results (the test host did not write its TRX file)")
  if [ "$rc" -eq 0 ]; then
    echo "   ok   $name: $counts in $(elapsed "$secs")"
  else
    echo "   FAIL $name: $counts in $(elapsed "$secs") (exit code $rc; log: $results/$name.log)"
  fi
  return "$rc"
}

status=0
run_all() { # N [--extra-after name csproj]... [--started csproj]... csproj...
  # At most N of the plain and already started projects at a time; the extra ones beside them, at the normal priority,
  # once the named project has finished.
  local max=$1; shift
  local extra=() started=() pending=() running=() deferred=() waiting still name e d last_beat=$SECONDS
  while (( $# > 0 )); do
    case "$1" in
      --extra-after) deferred+=("$2|$3"); shift 3 ;;
      --started) started+=("$(basename "$2" .csproj)"); shift 2 ;;
      *) pending+=("$1"); shift ;;
    esac
  done
  running=("${started[@]}")
  local extras_running=0
  start_extra() { # csproj
    run_project 0 "$1" &
    extra+=("$(basename "$1" .csproj)")
    running+=("$(basename "$1" .csproj)")
    extras_running=$((extras_running + 1))
  }
  while (( ${#pending[@]} + ${#running[@]} + ${#deferred[@]} > 0 )); do
    while (( ${#running[@]} - extras_running < max && ${#pending[@]} > 0 )); do
      run_project "$nice_tests" "${pending[0]}" &
      running+=("$(basename "${pending[0]}" .csproj)")
      pending=("${pending[@]:1}")
    done
    sleep 1
    still=()
    for name in "${running[@]}"; do
      if [ -f "$results/$name.rc" ]; then
        report_project "$name" || status=1
        for e in "${extra[@]}"; do if [ "$e" = "$name" ]; then extras_running=$((extras_running - 1)); fi; done
        waiting=()
        for d in "${deferred[@]}"; do
          if [ "${d%%|*}" = "$name" ]; then start_extra "${d#*|}"; still+=("$(basename "${d#*|}" .csproj)"); else waiting+=("$d"); fi
        done
        deferred=("${waiting[@]}")
      else
        still+=("$name")
      fi
    done
    running=("${still[@]}")
    # A deferred project whose trigger is neither running nor waiting would never start: start it now.
    if (( ${#running[@]} - extras_running <= 0 && ${#pending[@]} == 0 )); then
      for d in "${deferred[@]}"; do start_extra "${d#*|}"; done
      deferred=()
    fi
    if (( SECONDS - last_beat >= heartbeat && ${#running[@]} > 0 )); then
      local line=""
      for name in "${running[@]}"; do line+=" $name $(done_count "$name") done;"; done
      echo "   ... $(elapsed $((SECONDS - begin))):${line%;} (${#pending[@]} projects waiting)"
      last_beat=$SECONDS
    fi
  done
}

# The integration tests take longest: they start as soon as their projects are built and Azurite is installed, in
# one of the slots, while the rest of the solution builds.
echo "== npm ci (Azurite) and dotnet build of the integration tests, side by side"
npm ci --no-audit --no-fund --loglevel=error >"$results/npm.log" 2>&1 &
npm_pid=$!
# One restore of the whole solution first (mostly downloads), so that neither build below evaluates it again.
dotnet restore Refunds.Functions.sln --nologo -v minimal
dotnet build "$integration" -c Release --no-restore --nologo -v minimal
if ! wait "$npm_pid"; then
  cat "$results/npm.log"
  echo "npm ci failed" >&2
  exit 1
fi
cat "$results/npm.log"
echo "   done at $(elapsed $((SECONDS - begin))); the integration tests start"
run_project "$nice_tests" "$integration" &

echo "== dotnet build of the rest of the solution"
if ! dotnet build Refunds.Functions.sln -c Release --no-restore --nologo -v minimal; then
  for job in $(jobs -p); do kill_tree "$job"; done
  exit 1
fi
echo "   done at $(elapsed $((SECONDS - begin)))"

# The publish check packages the built app: it starts once the solution is built.
start_check "publish packaging checks" tools/test-publish.sh &
check_pids+=($!)

wait "$chromium_pid" || { cat "$chromium_log" >&2; echo "tools/install-chromium.sh failed" >&2; exit 1; }
rm -f "$chromium_log"

echo "== dotnet test: the integration tests and ${#projects[@]} more projects, up to $at_once at a time; the chaos tests beside them once the integration tests end"
set +e
run_all "$at_once" --started "$integration" --extra-after Refunds.IntegrationTests "$chaos" "${projects[@]}"
for pid in "${check_pids[@]}"; do wait "$pid"; done
set -e
for rc in "$results"/check-*.log.rc; do
  if [ "$(cat "$rc")" -ne 0 ]; then status=1; fi
done
if [ "$(ls "$results"/check-*.log.rc 2>/dev/null | wc -l)" -ne "${#check_pids[@]}" ]; then
  echo "a packaging check did not report" >&2
  status=1
fi

# One plain summary line over all test projects, for CI logs; then where the time went.
read -r passed failed skipped < <(python3 tools/trx-report.py totals "$results"/*.trx 2>/dev/null || echo "0 0 0")
echo "tests: ${passed} passed, ${failed} failed, ${skipped} skipped"
echo "== 10 slowest tests"
python3 tools/trx-report.py slowest 10 "$results"/*.trx 2>/dev/null || true
if [ "$status" -ne 0 ]; then
  echo "== failed tests"
  python3 tools/trx-report.py failures "$results"/*.trx 2>/dev/null || true
fi
echo "== done in $(elapsed $((SECONDS - begin)))"
if [ "$passed" -eq 0 ] && [ "$status" -eq 0 ]; then
  echo "no test ran" >&2
  exit 1
fi
if [ "$status" -eq 0 ] && [ -z "${TEST_RESULTS_DIR:-}" ]; then
  rm -rf "$results"
elif [ "$status" -ne 0 ]; then
  echo "logs and TRX files: $results"
fi
exit "$status"

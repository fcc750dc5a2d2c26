#!/usr/bin/env bash
# Prints a development token, and nothing else, on stdout:
#   TOKEN=$(./mint-token.sh --org org_demo --roles Admin --minutes 60)
# Options: --org <id>, --roles <A,B> (default Admin), --minutes <n> (default 60), --sub <subject> (default dev-user).
# Signed with the development key in functions/Refunds.Api/appsettings.Development.json, which only a local run trusts.
# Builds functions/Refunds.Api (Release) when its sources changed since the last build here, then runs the built
# dll directly: no `dotnet run` (it prints "Using launch settings from ..." on stdout and re-checks the build each time).
# Anything diagnostic, the build's output included, goes to stderr.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
project="$root/functions/Refunds.Api"
out="$project/bin/Release/net10.0"
dll="$out/Refunds.Api.dll"
stamp="$out/.mint-token-built"

stale() {
  [[ ! -f "$dll" || ! -f "$stamp" ]] && return 0
  [[ -n "$(find "$root/functions" "$root/Directory.Build.props" "$root/Directory.Packages.props" \
      \( -path '*/bin' -o -path '*/obj' \) -prune -o \
      \( -name '*.cs' -o -name '*.csproj' -o -name '*.props' -o -name 'appsettings*.json' \) \
      -newer "$stamp" -print -quit)" ]]
}

if stale; then
  echo "mint-token: building functions/Refunds.Api (Release) once..." >&2
  mkdir -p "$out"        # a fresh clone has no build output yet
  touch "$stamp.next"   # sources edited during the build make the next call build again
  dotnet build "$project" -c Release --nologo -v quiet >&2
  mv "$stamp.next" "$stamp"
fi

exec dotnet "$dll" mint-token "$@"

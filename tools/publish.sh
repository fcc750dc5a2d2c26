#!/usr/bin/env bash
# Builds the deployable Azure Functions package:
#   artifacts/publish/            the app, host.json and one folder per function
#   artifacts/refunds-functions.zip  the same folder zipped, ready for config-zip / one deploy
#
# Usage: tools/publish.sh [--self-contained] [--skip-build]
#   --self-contained  bundle the .NET runtime (needed where the host image has no .NET 10 runtime)
#   --skip-build      do not run dotnet publish; package what is already in artifacts/publish
#                     (used to test the packaging step on its own)
# Environment: ARTIFACTS_DIR (default <repo>/artifacts); ZIP_TOOL=zip|python3 to force one.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
project="$repo_root/functions/Refunds.Api/Refunds.Api.csproj"
function_definitions="$repo_root/functions/Refunds.Api/host"
host_json="$repo_root/host.json"
artifacts_dir="${ARTIFACTS_DIR:-$repo_root/artifacts}"
publish_dir="$artifacts_dir/publish"
zip_path="$artifacts_dir/refunds-functions.zip"
executable_name="Refunds.Api"

self_contained=false
skip_build=false
for arg in "$@"; do
  case "$arg" in
    --self-contained) self_contained=true ;;
    --skip-build) skip_build=true ;;
    -h|--help) sed -n '2,11p' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) echo "publish.sh: unknown argument '$arg'" >&2; exit 2 ;;
  esac
done

fail() { echo "publish.sh: $*" >&2; exit 1; }

[[ -f "$host_json" ]] || fail "missing $host_json"
[[ -d "$function_definitions" ]] || fail "missing function definitions folder $function_definitions"

if [[ "$skip_build" == false ]]; then
  [[ -f "$project" ]] || fail "app project not found at $project; nothing to publish"
  rm -rf "$publish_dir"
  dotnet publish "$project" -c Release -r linux-x64 --self-contained "$self_contained" -o "$publish_dir"
fi

[[ -f "$publish_dir/$executable_name" ]] \
  || fail "$publish_dir/$executable_name not found: host.json's customHandler.defaultExecutablePath would not start"
# NuGet/zip round-trips can drop the execute bit; the Functions host execs this file directly.
chmod +x "$publish_dir/$executable_name"

cp "$host_json" "$publish_dir/host.json"
function_count=0
for definition in "$function_definitions"/*/function.json; do
  name="$(basename "$(dirname "$definition")")"
  rm -rf "${publish_dir:?}/$name"
  mkdir -p "$publish_dir/$name"
  cp "$definition" "$publish_dir/$name/function.json"
  function_count=$((function_count + 1))
done
(( function_count > 0 )) || fail "no */function.json under $function_definitions"

rm -f "$zip_path"
mkdir -p "$(dirname "$zip_path")"
# Entries must sit at the zip root (host.json next to the executable), hence the cd.
zip_tool="${ZIP_TOOL:-}"
if [[ -z "$zip_tool" ]]; then
  if command -v zip >/dev/null 2>&1; then zip_tool=zip; else zip_tool=python3; fi
fi
if [[ "$zip_tool" == zip ]]; then
  (cd "$publish_dir" && zip -q -r -X "$zip_path" .)
else
  (cd "$publish_dir" && python3 -m zipfile -c "$zip_path" .)
fi

echo "publish.sh: $function_count functions, package at $zip_path ($zip_tool)"

#!/usr/bin/env bash
# Builds the deployable Azure Functions package (isolated worker, functions/Refunds.Functions):
#   artifacts/publish/               dotnet publish output: Refunds.Functions.dll, host.json, functions.metadata,
#                                    worker.config.json, extensions.json and .azurefunctions/ (the host-side extensions)
#   artifacts/refunds-functions.zip  the same folder zipped, entries at the root, ready for one deploy
#
# Usage: tools/publish.sh [--skip-build]
#   --skip-build  do not run dotnet publish; check and zip what is already in artifacts/publish
#                 (used to test the packaging step on its own)
# Environment: ARTIFACTS_DIR (default <repo>/artifacts); ZIP_TOOL=zip|python3 to force one.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
project="$repo_root/functions/Refunds.Functions/Refunds.Functions.csproj"
artifacts_dir="${ARTIFACTS_DIR:-$repo_root/artifacts}"
publish_dir="$artifacts_dir/publish"
zip_path="$artifacts_dir/refunds-functions.zip"

skip_build=false
for arg in "$@"; do
  case "$arg" in
    --skip-build) skip_build=true ;;
    -h|--help) sed -n '2,11p' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) echo "publish.sh: unknown argument '$arg'" >&2; exit 2 ;;
  esac
done

fail() { echo "publish.sh: $*" >&2; exit 1; }

if [[ "$skip_build" == false ]]; then
  [[ -f "$project" ]] || fail "app project not found at $project; nothing to publish"
  rm -rf "$publish_dir"
  dotnet publish "$project" -c Release -o "$publish_dir" --nologo -v minimal
fi

# What the Functions host needs to find and start the worker; the Worker SDK writes them all.
for required in Refunds.Functions.dll host.json functions.metadata worker.config.json extensions.json; do
  [[ -f "$publish_dir/$required" ]] || fail "$publish_dir/$required not found: not an isolated worker publish output"
done
[[ -d "$publish_dir/.azurefunctions" ]] || fail "$publish_dir/.azurefunctions not found: the host would load no binding extensions"
if compgen -G "$publish_dir/appsettings*.json" >/dev/null; then
  fail "appsettings*.json in $publish_dir: the local host's settings (and its development key pair) must not ship"
fi
# The local host (Refunds.Api: assembly, apphost, deps/runtimeconfig) and its Durable engine (Refunds.DurableHost over
# DurableTask.AzureStorage) are for local runs and tests; the worker references neither. .azurefunctions/ is the
# Functions host's side, whose Durable extension runs on its own DurableTask.AzureStorage.dll: not the worker's files.
local_host_files="$(cd "$publish_dir" && find . -path ./.azurefunctions -prune -o -type f \( -name 'Refunds.Api' \
  -o -name 'Refunds.Api.*' -o -name 'Refunds.DurableHost' -o -name 'Refunds.DurableHost.*' -o -name 'DurableTask.AzureStorage.dll' \) \
  -print | sed 's|^\./||' | sort)"
if [[ -n "$local_host_files" ]]; then
  fail "the local host or its Durable engine must not ship, found in $publish_dir: ${local_host_files//$'\n'/ }"
fi
function_count="$(python3 -c 'import json, sys; print(len(json.load(open(sys.argv[1]))))' "$publish_dir/functions.metadata")"
(( function_count > 0 )) || fail "functions.metadata lists no function"

rm -f "$zip_path"
mkdir -p "$(dirname "$zip_path")"
# Entries must sit at the zip root (host.json next to the worker), hence the cd; .azurefunctions/ must come along.
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

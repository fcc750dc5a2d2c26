#!/usr/bin/env bash
# Publishes the Functions app for real (tools/publish.sh) and checks the package the host will be given: the
# isolated worker's files at the zip root, functions.metadata naming exactly the [Function]s in the source, the
# repo's host.json, no local host settings, assembly or executable, no local Durable engine. Then repackages with the
# other zip tool, and checks the refusals.
set -euo pipefail
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

passed=0
failed=0
check() { # name, command...
  local name="$1"; shift
  if "$@"; then passed=$((passed + 1)); echo "  ok   $name"
  else failed=$((failed + 1)); echo "  FAIL $name"; fi
}

# [Function("Name")] and [Function(nameof(Type))] in the app's source: what functions.metadata must list.
expected_functions="$(python3 - "$repo_root/functions/Refunds.Functions" <<'PY'
import pathlib, re, sys
pattern = re.compile(r'\[Function\((?:"([^"]+)"|nameof\((?:[\w.]+\.)?(\w+)\))\)\]')
names = {a or b for f in pathlib.Path(sys.argv[1]).rglob("*.cs") if "/obj/" not in str(f) and "/bin/" not in str(f)
         for a, b in pattern.findall(f.read_text())}
print(" ".join(sorted(names)))
PY
)"

# What only the local host ships: Refunds.Api (assembly, apphost Refunds.Api / Refunds.Api.exe, deps, runtimeconfig)
# and its Durable engine (Refunds.DurableHost, DurableTask.AzureStorage). The worker references neither. Looked for
# outside .azurefunctions/, the Functions host's side: its Durable extension runs on its own DurableTask.AzureStorage.dll.
local_host_patterns=("Refunds.Api" "Refunds.Api.*" "Refunds.DurableHost" "Refunds.DurableHost.*" "DurableTask.AzureStorage.dll")

no_local_host_files() { # publish folder; names every local host file it finds there
  local found=() pattern f
  for pattern in "${local_host_patterns[@]}"; do
    while IFS= read -r -d '' f; do found+=("${f#"$1"/}"); done \
      < <(find "$1" -path "$1/.azurefunctions" -prune -o -type f -name "$pattern" -print0)
  done
  for f in "${found[@]}"; do echo "    $f: a file of the local host or of its Durable engine is in the publish folder" >&2; done
  (( ${#found[@]} == 0 ))
}

verify_zip() { # zip path
  python3 - "$1" "$repo_root" "$expected_functions" "${local_host_patterns[*]}" <<'PY'
import fnmatch, json, sys, zipfile
zip_path, repo_root, expected, local_host = sys.argv[1], sys.argv[2], set(sys.argv[3].split()), sys.argv[4].split()
errors = []
with zipfile.ZipFile(zip_path) as z:
    names = set(z.namelist())
    for n in sorted(names):
        if not n.startswith(".azurefunctions/") and any(fnmatch.fnmatchcase(n.split("/")[-1], p) for p in local_host): errors.append(f"{n}: a local host or local Durable engine file shipped")
    for f in ["Refunds.Functions.dll", "host.json", "functions.metadata", "worker.config.json", "extensions.json"]:
        if f not in names: errors.append(f"{f} missing at the root")
    if not any(n.startswith(".azurefunctions/") for n in names): errors.append(".azurefunctions/ missing")
    if any(n.startswith(("publish/", "./", "/")) for n in names): errors.append(f"entries not at the root: {sorted(names)[:5]}")
    if any(n.split("/")[-1].startswith("appsettings") for n in names): errors.append("appsettings*.json shipped")
    if not errors:
        host = json.loads(z.read("host.json"))
        if host != json.load(open(f"{repo_root}/host.json")):
            errors.append("host.json differs from the repository root's host.json")
        if "customHandler" in host or "extensionBundle" in host:
            errors.append("host.json still configures a custom handler or an extension bundle")
        if host.get("extensions", {}).get("http", {}).get("routePrefix") != "api": errors.append("routePrefix is not api")
        worker = json.loads(z.read("worker.config.json"))["description"]
        if worker.get("defaultWorkerPath") != "Refunds.Functions.dll" or worker.get("language") != "dotnet-isolated":
            errors.append(f"worker.config.json does not start Refunds.Functions.dll as dotnet-isolated: {worker}")
        extensions = {e["name"] for e in json.loads(z.read("extensions.json"))["extensions"]}
        if "DurableTask" not in extensions: errors.append(f"extensions.json lacks DurableTask: {sorted(extensions)}")
        listed = {f["name"] for f in json.loads(z.read("functions.metadata"))}
        if not expected: errors.append("no [Function] found in the source")
        if listed != expected:
            errors.append(f"functions.metadata: missing {sorted(expected - listed)}, unexpected {sorted(listed - expected)}")
        for f in json.loads(z.read("functions.metadata")):
            if f["scriptFile"] not in names: errors.append(f"{f['name']}: scriptFile {f['scriptFile']} not in the zip")
for e in errors: print("    " + e)
sys.exit(1 if errors else 0)
PY
}

artifacts="$work/artifacts"
check "publish.sh publishes and zips the Functions app" env ARTIFACTS_DIR="$artifacts" "$repo_root/tools/publish.sh"
check "publish folder: no Refunds.Api.dll, Refunds.Api(.exe), Refunds.DurableHost.dll nor DurableTask.AzureStorage.dll" \
  no_local_host_files "$artifacts/publish"
check "zip: worker files and .azurefunctions/ at the root, every [Function] in functions.metadata, the repo's host.json, no local host files" \
  verify_zip "$artifacts/refunds-functions.zip"

for tool in zip python3; do
  if [[ "$tool" == zip ]] && ! command -v zip >/dev/null; then echo "  skip zip (not installed)"; continue; fi
  rm -f "$artifacts/refunds-functions.zip"
  check "$tool: repackages the publish folder" env ARTIFACTS_DIR="$artifacts" ZIP_TOOL="$tool" "$repo_root/tools/publish.sh" --skip-build
  check "$tool: same checks on its zip" verify_zip "$artifacts/refunds-functions.zip"
done

incomplete="$work/incomplete"
mkdir -p "$incomplete"
cp -r "$artifacts/publish" "$incomplete/publish"
rm "$incomplete/publish/functions.metadata"
check "fails when functions.metadata is missing" bash -c "! ARTIFACTS_DIR='$incomplete' '$repo_root/tools/publish.sh' --skip-build 2>/dev/null"
leaky="$work/leaky"
mkdir -p "$leaky"
cp -r "$artifacts/publish" "$leaky/publish"
echo '{}' > "$leaky/publish/appsettings.Development.json"
check "fails when local host settings are in the publish folder" bash -c "! ARTIFACTS_DIR='$leaky' '$repo_root/tools/publish.sh' --skip-build 2>/dev/null"
rm "$leaky/publish/appsettings.Development.json"
refuses_local_host_file() { # file name: planted in a copy of the publish folder, both checks must fail and name it
  local planted="$leaky/publish/$1" out
  echo 'not for Azure' > "$planted"
  out="$( { no_local_host_files "$leaky/publish" && echo "no_local_host_files passed"; } 2>&1; \
          { ARTIFACTS_DIR="$leaky" "$repo_root/tools/publish.sh" --skip-build >/dev/null && echo "publish.sh passed"; } 2>&1 )" || true
  rm -f "$planted"
  if [[ "$out" == *passed* || "$(grep -cF -- "$1" <<<"$out")" -lt 2 ]]; then echo "$out" | sed 's/^/    /'; return 1; fi
}
for f in Refunds.Api.dll Refunds.Api Refunds.Api.exe Refunds.DurableHost.dll DurableTask.AzureStorage.dll; do
  check "fails naming $f when it is in the publish folder" refuses_local_host_file "$f"
done
check "rejects unknown arguments" bash -c "! '$repo_root/tools/publish.sh' --nope 2>/dev/null"

echo "publish: $passed passed, $failed failed"
(( failed == 0 ))

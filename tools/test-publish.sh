#!/usr/bin/env bash
# Tests the packaging half of publish.sh (copying host.json and the function folders next to
# the executable, zipping) against a dummy publish folder, with each zip tool.
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

expected_functions="$(cd "$repo_root/functions/Refunds.Api/host" && ls -d */ | tr -d / | sort)"

verify_zip() { # zip path
  python3 - "$1" "$repo_root" "$expected_functions" <<'PY'
import json, stat, sys, zipfile
zip_path, repo_root, expected = sys.argv[1], sys.argv[2], sys.argv[3].split()
with zipfile.ZipFile(zip_path) as z:
    names = set(z.namelist())
    errors = []
    if "host.json" not in names: errors.append("host.json missing at root")
    elif json.loads(z.read("host.json")) != json.load(open(f"{repo_root}/host.json")):
        errors.append("host.json differs from the repo's")
    for f in expected:
        if f"{f}/function.json" not in names: errors.append(f"{f}/function.json missing")
    exe = z.getinfo("Refunds.Api")
    if not (exe.external_attr >> 16) & stat.S_IXUSR: errors.append("executable bit lost")
    if "Refunds.Api.dll" not in names: errors.append("published files missing")
    if any(n.startswith(("publish/", "./", "/")) for n in names): errors.append(f"entries not at root: {sorted(names)[:5]}")
for e in errors: print("    " + e)
sys.exit(1 if errors else 0)
PY
}

for tool in zip python3; do
  if [[ "$tool" == zip ]] && ! command -v zip >/dev/null; then echo "  skip zip (not installed)"; continue; fi
  artifacts="$work/$tool"
  mkdir -p "$artifacts/publish/StaleFunction"
  printf '#!/bin/sh\n' > "$artifacts/publish/Refunds.Api"   # deliberately not executable
  echo dll > "$artifacts/publish/Refunds.Api.dll"
  check "$tool: packages dummy publish folder" env ARTIFACTS_DIR="$artifacts" ZIP_TOOL="$tool" "$repo_root/tools/publish.sh" --skip-build
  check "$tool: zip has host.json, every function.json and an executable at the root" verify_zip "$artifacts/refunds-functions.zip"
done

empty="$work/empty"
mkdir -p "$empty/publish"
check "fails when the executable is missing" bash -c "! ARTIFACTS_DIR='$empty' '$repo_root/tools/publish.sh' --skip-build 2>/dev/null"
check "rejects unknown arguments" bash -c "! '$repo_root/tools/publish.sh' --nope 2>/dev/null"

queues_provisioned() {
  python3 - "$repo_root" <<'PY'
import glob, json, re, sys
root = sys.argv[1]
bicep = open(f"{root}/infra/modules/storage.bicep").read()
provisioned = set(re.findall(r"^\s+'([a-z0-9-]+)'$", bicep.split("param queueNames", 1)[1].split("= [", 1)[1].split("\n]", 1)[0], re.M))
missing = []
for path in glob.glob(f"{root}/functions/Refunds.Api/host/*/function.json"):
    for b in json.load(open(path))["bindings"]:
        if b["type"] == "queueTrigger" and b["queueName"] not in provisioned:
            missing.append(f"{path}: {b['queueName']}")
for m in missing: print("    not provisioned by infra/modules/storage.bicep:", m)
sys.exit(1 if missing or not provisioned else 0)
PY
}
check "every queue trigger's queue is provisioned in Bicep" queues_provisioned

echo "publish: $passed passed, $failed failed"
(( failed == 0 ))

#!/usr/bin/env bash
# Run Airbyte's Greenhouse source connector against a running ghsim: spec, check,
# discover, and read with a catalog of every stream. Fails when a stream reads no
# record or when the connector reports an error.
#
#   contrib/airbyte/run.sh [URL_BASE]        (default http://127.0.0.1:8650/v1/)
#
# Environment:
#   GHSIM_AIRBYTE_HOME   virtualenv and work files
#                        (default ${XDG_CACHE_HOME:-$HOME/.cache}/ghsim-airbyte)
#   GHSIM_AIRBYTE_KEY    the Harvest key (default: the "Airbyte" key of
#                        fixtures/integration.yaml)
#   GHSIM_AIRBYTE_SKIP   streams to leave out of the catalog, comma-separated
#   GHSIM_AIRBYTE_VERSION  the connector's version (default 0.6.1)
#   PYTHON               an interpreter from 3.10 to 3.11 (the connector's range)
set -euo pipefail

URL_BASE="${1:-http://127.0.0.1:8650/v1/}"
case "$URL_BASE" in */) ;; *) URL_BASE="$URL_BASE/" ;; esac
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
HOME_DIR="${GHSIM_AIRBYTE_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/ghsim-airbyte}"
VERSION="${GHSIM_AIRBYTE_VERSION:-0.6.1}"
VENV="$HOME_DIR/venv-$VERSION"
WORK="$HOME_DIR/work"

fail() { echo "airbyte: $*" >&2; exit 1; }
step() { echo "== $*" >&2; }

pick_python() {
    for candidate in "${PYTHON:-}" python3.11 python3.10 python3; do
        [ -n "$candidate" ] || continue
        command -v "$candidate" >/dev/null 2>&1 || continue
        if "$candidate" -c 'import sys; sys.exit(not (3, 10) <= sys.version_info[:2] <= (3, 11))'
        then
            echo "$candidate"
            return
        fi
    done
    fail "the connector needs Python 3.10 or 3.11; set PYTHON to one"
}

# 1. The connector, in a virtualenv of its own (never the repository's .venv).
if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c 'import source_greenhouse' 2>/dev/null
then
    step "installing airbyte-source-greenhouse==$VERSION into $VENV"
    rm -rf "$VENV"
    "$(pick_python)" -m venv "$VENV"
    "$VENV/bin/python" -m pip install --quiet --upgrade pip
    "$VENV/bin/python" -m pip install --quiet "airbyte-source-greenhouse==$VERSION"
fi
PY="$VENV/bin/python"

# 2. Is ghsim there?
HEALTH="${URL_BASE%/v1/}/_sim/health"
"$PY" - "$HEALTH" <<'PY' || fail "no ghsim answers at $HEALTH (start one with: ghsim serve)"
import sys, urllib.request
urllib.request.urlopen(sys.argv[1], timeout=5).read()
PY

# 3. A copy of the connector whose manifest reads ghsim instead of Greenhouse.
rm -rf "$WORK"
mkdir -p "$WORK/pkg"
PACKAGE="$("$PY" -c 'import os, source_greenhouse; print(os.path.dirname(source_greenhouse.__file__))')"
cp -r "$PACKAGE" "$WORK/pkg/source_greenhouse"
"$PY" - "$WORK/pkg/source_greenhouse/manifest.yaml" "$URL_BASE" <<'PY'
import sys
path, url = sys.argv[1], sys.argv[2]
text = open(path, encoding="utf-8").read()
original = 'url_base: "https://harvest.greenhouse.io/v1/"'
if text.count(original) != 1:
    sys.exit(f"airbyte: {path} does not set url_base exactly once as expected")
open(path, "w", encoding="utf-8").write(text.replace(original, f'url_base: "{url}"'))
PY

# 4. The config: the key ghsim's fixtures grant every group the connector reads.
KEY="${GHSIM_AIRBYTE_KEY:-$("$PY" - "$ROOT/fixtures/integration.yaml" <<'PY'
import sys, yaml
keys = yaml.safe_load(open(sys.argv[1], encoding="utf-8"))["harvest_keys"]
print(next(k["key"] for k in keys if k["name"] == "Airbyte"))
PY
)}"
printf '{"api_key": "%s"}\n' "$KEY" > "$WORK/config.json"

connector() {
    PYTHONPATH="$WORK/pkg" "$PY" -c 'from source_greenhouse.run import run; run()' "$@"
}

# 5. spec, check, discover, read.
step "spec"
connector spec > "$WORK/spec.jsonl"
grep -q '"type":"SPEC"\|"type": "SPEC"' "$WORK/spec.jsonl" || fail "spec printed no SPEC message"

step "check"
connector check --config "$WORK/config.json" > "$WORK/check.jsonl"
"$PY" - "$WORK/check.jsonl" <<'PY' || fail "check did not succeed (see $WORK/check.jsonl)"
import json, sys
for line in open(sys.argv[1], encoding="utf-8"):
    message = json.loads(line) if line.startswith("{") else {}
    if message.get("type") == "CONNECTION_STATUS":
        status = message["connectionStatus"]
        print(f"check: {status['status']} {status.get('message') or ''}".rstrip())
        sys.exit(status["status"] != "SUCCEEDED")
sys.exit("check printed no CONNECTION_STATUS")
PY

step "discover"
connector discover --config "$WORK/config.json" > "$WORK/discover.jsonl"
"$PY" - "$WORK/discover.jsonl" "$WORK/catalog.json" "${GHSIM_AIRBYTE_SKIP:-}" <<'PY'
import json, sys
source, target, skip = sys.argv[1], sys.argv[2], set(filter(None, sys.argv[3].split(",")))
catalog = next(
    json.loads(line)["catalog"]
    for line in open(source, encoding="utf-8")
    if line.startswith("{") and json.loads(line).get("type") == "CATALOG"
)
streams = [
    {"stream": s, "sync_mode": "full_refresh", "destination_sync_mode": "overwrite"}
    for s in catalog["streams"]
    if s["name"] not in skip
]
json.dump({"streams": streams}, open(target, "w", encoding="utf-8"))
print(f"discover: {len(catalog['streams'])} streams, {len(streams)} in the catalog")
PY

step "read"
connector read --config "$WORK/config.json" --catalog "$WORK/catalog.json" \
    > "$WORK/read.jsonl" || true
"$PY" - "$WORK/read.jsonl" "$WORK/catalog.json" <<'PY'
import collections, json, re, sys
lines, catalog = sys.argv[1], json.load(open(sys.argv[2], encoding="utf-8"))
counts = collections.Counter()
problems = []
for line in open(lines, encoding="utf-8"):
    if not line.startswith("{"):
        continue
    message = json.loads(line)
    kind = message.get("type")
    if kind == "RECORD":
        counts[message["record"]["stream"]] += 1
    elif kind == "TRACE":
        trace = message["trace"]
        if trace["type"] == "ERROR":
            problems.append(f"error trace: {trace['error'].get('message')}")
        elif trace["type"] == "STREAM_STATUS":
            status = trace["stream_status"]
            if status["status"] == "INCOMPLETE":
                problems.append(f"stream {status['stream_descriptor']['name']} INCOMPLETE")
    elif kind == "LOG" and message["log"]["level"] in ("ERROR", "FATAL"):
        problems.append(f"{message['log']['level']} log: {message['log']['message'][:300]}")
names = [s["stream"]["name"] for s in catalog["streams"]]
width = max(map(len, names))
empty = []
for name in sorted(names):
    print(f"{name:<{width}}  {counts[name]:>7}")
    if counts[name] == 0:
        empty.append(f"stream {name} read no record")
print(f"{'total':<{width}}  {sum(counts.values()):>7}")
if empty or problems:
    # One line per distinct problem (ids masked), the first 20 of them.
    distinct = dict.fromkeys(
        re.sub(r"\d{5,}", "N", p.splitlines()[0])[:240] for p in problems
    )
    print("\nFAILED:", file=sys.stderr)
    for problem in empty + list(distinct)[:20]:
        print(f"  {problem}", file=sys.stderr)
    if len(distinct) > 20:
        print(f"  ... and {len(distinct) - 20} more", file=sys.stderr)
    sys.exit(1)
print(f"\nall {len(names)} streams read records, no errors")
PY

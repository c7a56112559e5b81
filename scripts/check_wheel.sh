#!/usr/bin/env bash
# The package installs: build the wheel, install it with the runtime lock into a fresh venv outside the
# checkout, then, from a folder outside the checkout, start the store (`workbench db start`), run `workbench up`
# until its app answers (it must find the demo bundle inside the installed package and load it), and check that
# `workbench entities` lists the demo companies. Run by .ci/run after `make test` (`make check-wheel`).
#
# Usage: scripts/check_wheel.sh [PYTHON_WITH_BUILD]   (default .venv/bin/python, which has `build` from the dev lock)
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$PWD
BUILDER=${1:-$REPO/.venv/bin/python}
WORK=$(mktemp -d /tmp/workbench-wheel.XXXXXX)
UP_PID=""

cleanup() {
  if [ -n "$UP_PID" ]; then
    # `workbench up` runs the app as a child: end its whole process group (its own, see setsid below).
    kill -- "-$UP_PID" 2>/dev/null || true
    wait "$UP_PID" 2>/dev/null || true
  fi
  if [ -x "$WORK/venv/bin/workbench" ]; then
    (cd "$WORK" && "$WORK/venv/bin/workbench" db stop >/dev/null 2>&1) || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

echo "check-wheel: building the wheel"
"$BUILDER" -m build --wheel --outdir "$WORK/dist" . >"$WORK/build.log" 2>&1 || { cat "$WORK/build.log"; exit 1; }
rm -rf build ./*.egg-info

echo "check-wheel: installing it with the runtime lock into a fresh venv"
python3 -m venv "$WORK/venv"
"$WORK/venv/bin/pip" install --quiet --disable-pip-version-check --require-hashes -r requirements.txt
"$WORK/venv/bin/pip" install --quiet --disable-pip-version-check --no-deps "$WORK"/dist/*.whl

cd "$WORK"
export WORKBENCH_HOME="$WORK/home" WORKBENCH_HEAP=512m
unset NEO4J_URI NEO4J_USER NEO4J_PASSWORD NEO4J_DATABASE PYTHONPATH
WORKBENCH_APP_PORT=$("$WORK/venv/bin/python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
export WORKBENCH_APP_PORT
"$WORK/venv/bin/python" - "$REPO" <<'EOF'
import sys, workbench
assert not workbench.__file__.startswith(sys.argv[1]), f"imported from the checkout: {workbench.__file__}"
print("check-wheel: workbench imported from", workbench.__file__)
EOF

echo "check-wheel: workbench db start"
"$WORK/venv/bin/workbench" db start

echo "check-wheel: workbench up (demo data, then the app on port $WORKBENCH_APP_PORT)"
setsid "$WORK/venv/bin/workbench" up >"$WORK/up.log" 2>&1 &
UP_PID=$!
# Wait for readiness, not for a time: the loop ends when the app answers or `workbench up` exits.
"$WORK/venv/bin/python" - "$UP_PID" "$WORKBENCH_APP_PORT" <<'EOF'
import os, sys, time, urllib.request
pid, port = int(sys.argv[1]), sys.argv[2]
while True:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        sys.exit("workbench up exited before its app answered")
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=5) as answer:
            if answer.status == 200:
                break
    except OSError:
        pass
    time.sleep(1)
EOF
cat "$WORK/up.log"
grep -q "loading the fictional demo data from $WORK/venv/lib/" "$WORK/up.log"
grep -q "ingest run run:" "$WORK/up.log"

echo "check-wheel: the administrator replaces the one-time password (data commands wait for it)"
echo "quiet harbour lantern 58" | "$WORK/venv/bin/workbench" users passwd admin --password-stdin
echo "check-wheel: workbench entities"
"$WORK/venv/bin/workbench" entities --format json >"$WORK/entities.json"
"$WORK/venv/bin/python" - "$WORK/entities.json" <<'EOF'
import json, sys
entities = json.load(open(sys.argv[1], encoding="utf-8"))
assert len(entities) >= 50 and all(e["key"].startswith("company:") for e in entities), len(entities)
print(f"check-wheel: {len(entities)} companies listed by the installed workbench")
EOF
echo "check-wheel: ok"

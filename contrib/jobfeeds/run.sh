#!/usr/bin/env bash
# Run the `jobfeeds` package from PyPI against a running ghsim (see README.md).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
base="${1:-http://127.0.0.1:8650}"
shift || true
boards=("$@")
if [ ${#boards[@]} -eq 0 ]; then
  boards=(acmerobotics acmerobotics-campus)
fi
home="${GHSIM_JOBFEEDS_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/ghsim-jobfeeds}"
version="${GHSIM_JOBFEEDS_VERSION:-0.1.0}"
python="${PYTHON:-python3}"

if [ ! -x "$home/venv/bin/python" ]; then
  "$python" -m venv "$home/venv"
fi
if ! "$home/venv/bin/python" -c "import jobfeeds" 2>/dev/null; then
  "$home/venv/bin/pip" install --quiet "jobfeeds==$version"
fi
if ! curl -fsS "$base/_sim/health" >/dev/null; then
  echo "ghsim does not answer at $base/_sim/health; start it with: ghsim serve" >&2
  exit 2
fi
exec "$home/venv/bin/python" "$here/check_board.py" "$base" "${boards[@]}"

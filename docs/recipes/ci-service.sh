#!/bin/sh
# Run a command against a ghsim server started for it, as a CI service does.
#
#   docs/recipes/ci-service.sh pytest -q tests/integration
#
# Starts `ghsim serve` in the background (GHSIM_PORT, default 8650), waits until
# /_sim/health answers, exports GHSIM_URL for the command, and stops the server
# afterwards. If the command fails, the webhook delivery log is printed, so the
# CI log shows what Greenhouse sent and what the receiver answered.
# With GHSIM_ORG set, the command gets its own organisation on the server
# (a shared server for parallel jobs): credentials are then `$GHSIM_ORG--<key>`.
set -u

port="${GHSIM_PORT:-8650}"
GHSIM_URL="http://127.0.0.1:${port}"
export GHSIM_URL

ghsim serve --port "$port" --log-level warning &
server=$!
trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null' EXIT

tries=0
until curl -fsS "$GHSIM_URL/_sim/health" >/dev/null 2>&1; do
    tries=$((tries + 1))
    if [ "$tries" -gt 150 ] || ! kill -0 "$server" 2>/dev/null; then
        echo "ghsim did not start on $GHSIM_URL" >&2
        exit 1
    fi
    sleep 0.2
done

control="$GHSIM_URL/_sim"
if [ -n "${GHSIM_ORG:-}" ]; then
    curl -fsS -X POST "$control/orgs" -H 'Content-Type: application/json' \
        -d "{\"name\": \"$GHSIM_ORG\"}" >/dev/null || exit 1
    control="$control/orgs/$GHSIM_ORG"
fi

"$@"
status=$?
if [ "$status" -ne 0 ]; then
    echo "--- ghsim webhook deliveries ($control/deliveries) ---"
    curl -fsS "$control/deliveries"
    echo
fi
exit "$status"

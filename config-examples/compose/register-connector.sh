#!/bin/sh
# One-shot (service register-connector): POSTs connector.json to the Connect worker. A connector
# that already exists (e.g. after `docker compose up` again) is left as it is. Connect also
# answers 409 while its group has no leader yet ("no known leader URL", "conflicting operation"),
# and 5xx while it is still starting: those are retried, every 5 s for up to 5 minutes.
set -eu
attempt=1
while :; do
  code=$(curl -sS -o /tmp/response -w '%{http_code}' -X POST \
    -H 'Content-Type: application/json' --data "@${CONNECTOR_JSON:-/compose/connector.json}" \
    "$CONNECT_URL/connectors") || true
  cat /tmp/response 2>/dev/null || true; echo
  case "$code" in
    201) echo "connector created"; exit 0 ;;
    409)
      if grep -q 'already exists' /tmp/response; then
        echo "connector already exists"; exit 0
      fi ;;
    000|5??) ;;
    *) echo "POST $CONNECT_URL/connectors answered $code" >&2; exit 1 ;;
  esac
  if [ "$attempt" -ge 60 ]; then
    echo "POST $CONNECT_URL/connectors still answered $code after $attempt attempts" >&2
    exit 1
  fi
  echo "POST $CONNECT_URL/connectors answered $code; retrying in 5 s (attempt $attempt of 60)"
  attempt=$((attempt + 1))
  sleep 5
done

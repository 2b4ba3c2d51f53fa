#!/bin/sh
# One-shot (service register-connector): POSTs connector.json to the Connect worker. A connector
# that already exists (409, e.g. after `docker compose up` again) is left as it is.
set -eu
code=$(curl -sS -o /tmp/response -w '%{http_code}' -X POST \
  -H 'Content-Type: application/json' --data @/compose/connector.json "$CONNECT_URL/connectors")
cat /tmp/response; echo
case "$code" in
  201) echo "connector created" ;;
  409) echo "connector already exists" ;;
  *) echo "POST $CONNECT_URL/connectors answered $code" >&2; exit 1 ;;
esac

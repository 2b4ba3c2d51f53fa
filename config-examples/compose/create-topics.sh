#!/bin/bash
# One-shot (service kafka-init): creates the Collector's topics, the connector's control topic and
# its dead-letter topic before anything produces to them. Safe to run again.
set -euo pipefail
create() {
  /opt/kafka/bin/kafka-topics.sh --bootstrap-server "$BOOTSTRAP_SERVERS" --create --if-not-exists \
    --topic "$1" --partitions "$2" --replication-factor 1 "${@:3}"
}
IFS=',' read -ra topics <<< "$OTLP_TOPICS"
for topic in "${topics[@]}"; do
  create "$topic" "$OTLP_PARTITIONS"
done
# The Iceberg sink's control topic: commit events only, a short retention is enough.
create "$CONTROL_TOPIC" 1 --config retention.ms=86400000
# The dead-letter topic takes a record as large as any source topic's plus Connect's error headers
# (a stack trace of a few KB): 2 MiB, as the connector's producer.override.max.request.size.
create "$DLQ_TOPIC" 1 --config max.message.bytes=2097152
/opt/kafka/bin/kafka-topics.sh --bootstrap-server "$BOOTSTRAP_SERVERS" --list

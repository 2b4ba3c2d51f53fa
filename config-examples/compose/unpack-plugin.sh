#!/bin/sh
# One-shot (service plugin-unpack): unpacks the plugin ZIP built by `./mvnw package` into the volume
# the Connect worker reads as its plugin.path.
set -eu
zip=$(ls /connector/target/otlp-iceberg-connector-*.zip 2>/dev/null | head -n 1 || true)
if [ -z "$zip" ]; then
  echo "no connector/target/otlp-iceberg-connector-<version>.zip: run 'mvn -B -q package -DskipTests' first" >&2
  exit 1
fi
rm -rf /plugins/otlp-iceberg-connector-*
unzip -q "$zip" -d /plugins
ls /plugins

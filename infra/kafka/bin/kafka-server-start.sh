#!/bin/bash
# Starts the broker: kafka-server-start.sh server.properties [--override NAME=VALUE]...
set -euo pipefail
base=$(cd "$(dirname "$0")/.." && pwd)
if [ $# -lt 1 ]; then
  echo "usage: kafka-server-start.sh server.properties [--override NAME=VALUE]..." >&2
  exit 1
fi
export KAFKA_LOG4J_OPTS=${KAFKA_LOG4J_OPTS:--Dlog4j2.configurationFile=$base/config/log4j2.yaml}
export KAFKA_HEAP_OPTS=${KAFKA_HEAP_OPTS:--Xmx1G -Xms1G}
exec "$base/bin/kafka-run-class.sh" kafka.Kafka "$@"

#!/bin/bash
# Runs a class of Kafka on the image's libraries, with the variables the distribution's script of this name reads:
# KAFKA_HEAP_OPTS, KAFKA_JVM_PERFORMANCE_OPTS, KAFKA_JMX_OPTS and JMX_PORT, KAFKA_LOG4J_OPTS, KAFKA_OPTS, JAVA_HOME.
set -euo pipefail
base=$(cd "$(dirname "$0")/.." && pwd)
if [ $# -lt 1 ]; then
  echo "usage: kafka-run-class.sh CLASS [ARGUMENT...]" >&2
  exit 1
fi
class=$1
shift
heap=${KAFKA_HEAP_OPTS:--Xmx256M}
performance=${KAFKA_JVM_PERFORMANCE_OPTS:--server -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35 -XX:+ExplicitGCInvokesConcurrent -Djava.awt.headless=true}
log4j=${KAFKA_LOG4J_OPTS:--Dlog4j2.configurationFile=$base/config/tools-log4j2.yaml}
jmx=${KAFKA_JMX_OPTS:-}
if [ -n "${JMX_PORT:-}" ]; then
  jmx="${jmx:--Dcom.sun.management.jmxremote -Dcom.sun.management.jmxremote.authenticate=false -Dcom.sun.management.jmxremote.ssl=false} -Dcom.sun.management.jmxremote.port=$JMX_PORT -Dcom.sun.management.jmxremote.rmi.port=$JMX_PORT"
fi
# each variable holds several options: split on spaces, as the distribution does
# shellcheck disable=SC2086
exec "${JAVA_HOME:-/opt/java/openjdk}/bin/java" $heap $performance $jmx $log4j ${KAFKA_OPTS:-} -cp "$base/libs/*" "$class" "$@"

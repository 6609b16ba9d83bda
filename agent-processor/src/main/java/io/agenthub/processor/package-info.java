/**
 * Per-agent Kafka Streams processors: strategy and indicator state in state stores, risk checks, SL/TP triggers, order intents, logs and advisor requests.
 *
 * <p>Not built yet: this module reserves its place in the dependency graph (it may use {@code core} and
 * {@code schemas}, never another service). Issue 4 builds it.
 */
package io.agenthub.processor;

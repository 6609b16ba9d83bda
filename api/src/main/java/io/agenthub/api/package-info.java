/**
 * The Hub API: REST and WebSocket on port 9000, auth, PostgreSQL, secrets, the outbox with Debezium, projections and agent runtimes.
 *
 * <p>Not built yet: this module reserves its place in the dependency graph (it may use {@code core} and
 * {@code schemas}, never another service). Issue 6 builds it.
 */
package io.agenthub.api;

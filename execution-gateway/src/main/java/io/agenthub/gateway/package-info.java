/**
 * The Broker port's adapters: the paper venue and HashKey Global spot and perpetuals, idempotent submission and reconciliation.
 *
 * <p>Not built yet: this module reserves its place in the dependency graph (it may use {@code core} and
 * {@code schemas}, never another service). Issue 5 builds it.
 */
package io.agenthub.gateway;

/**
 * The {@link io.agenthub.core.broker.Broker} port: an account at a venue, where orders are placed, cancelled and
 * queried, and whose fills, open orders, balances and positions can be read back for reconciliation. The paper venue
 * ({@code io.agenthub.core.venue}) and HashKey Global (in the execution gateway) are its adapters; an abstract contract
 * test holds every one of them to the same behaviour.
 */
package io.agenthub.core.broker;

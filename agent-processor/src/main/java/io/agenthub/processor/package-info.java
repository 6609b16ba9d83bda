/**
 * The agent processor: per-agent Kafka Streams processing on the shared {@code TradingAgent} step function. Ticks are
 * broadcast to every task, each task steps the agents it hosts (keyed by agent id, so a hot symbol spreads over all
 * threads), and every agent's state lives in the {@code agent-state} store with its changelog.
 */
package io.agenthub.processor;

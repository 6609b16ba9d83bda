/**
 * The execution gateway: order intents in, execution reports out. Today the paper venue ({@code paper}), which fills
 * with the backtest's own fill model; HashKey Global comes behind the same topic contract.
 */
package io.agenthub.gateway;

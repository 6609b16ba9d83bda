package io.agenthub.core.agent;

import java.math.BigDecimal;

/**
 * The supervisor's answer to a review of an open position: keep it, close it, or move its stop-loss and/or
 * take-profit (null: unchanged).
 */
public record SupervisorReply(long time, long requestSequence, String decisionId, String positionId, Action action,
                              BigDecimal stopLoss, BigDecimal takeProfit, String provider, boolean fallback, String reasoning) {

    public enum Action { KEEP, CLOSE, ADJUST_TP_SL }
}

package io.agenthub.supervisor.advice;

import java.math.BigDecimal;

/** A supervision decision on an open position; levels only with {@link Action#ADJUST_TP_SL}. */
public record SupervisionAdvice(Action action, BigDecimal stopLoss, BigDecimal takeProfit, String reasoning) {

    public enum Action { KEEP, CLOSE, ADJUST_TP_SL }

    public static SupervisionAdvice keep(String reasoning) {
        return new SupervisionAdvice(Action.KEEP, null, null, reasoning);
    }
}

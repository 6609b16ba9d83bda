package io.agenthub.supervisor.advice;

import java.util.List;

/**
 * An advice with its provenance, for the audit trail: who decided (provider, model), what came back (raw reply, token
 * counts), what validation changed, and whether the rules decided instead of the model (and why).
 */
public record Decided<T>(T advice, String provider, String model, String reply, Integer inputTokens, Integer outputTokens,
                         List<String> validationNotes, boolean fallback, String fallbackReason) {

    public Decided {
        validationNotes = List.copyOf(validationNotes);
    }

    static <T> Decided<T> byRules(T advice, String fallbackReason) {
        return new Decided<>(advice, "rules", null, null, null, null, List.of(), fallbackReason != null, fallbackReason);
    }
}

package io.agenthub.supervisor.advice;

/** A model answered, but not with something usable: kept with the raw text for the audit trail. */
public final class UnusableReply extends RuntimeException {

    private final String raw;
    private final Integer inputTokens;
    private final Integer outputTokens;

    public UnusableReply(String reason, String raw, Integer inputTokens, Integer outputTokens) {
        super(reason);
        this.raw = raw;
        this.inputTokens = inputTokens;
        this.outputTokens = outputTokens;
    }

    FallbackAdvisor.Reply<Object> asReply() {
        return new FallbackAdvisor.Reply<>(null, raw, inputTokens, outputTokens);
    }
}

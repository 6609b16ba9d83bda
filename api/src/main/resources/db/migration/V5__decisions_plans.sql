-- The audit trail of LLM and rule-based decisions (agents.decisions), and each agent's latest plan (agents.plans).
CREATE TABLE decisions (
    event_id         text        PRIMARY KEY,
    agent_id         text        NOT NULL,
    time             timestamptz NOT NULL,
    kind             text        NOT NULL,
    provider         text        NOT NULL,
    model            text,
    prompt_digest    text        NOT NULL,
    evidence         text,
    reply            text,
    reasoning        text        NOT NULL,
    decision         text        NOT NULL,
    validation_notes jsonb       NOT NULL DEFAULT '[]',
    latency_ms       bigint      NOT NULL,
    input_tokens     int,
    output_tokens    int,
    fallback         boolean     NOT NULL,
    fallback_reason  text
);
CREATE INDEX decisions_agent_time ON decisions (agent_id, time DESC, event_id DESC);

CREATE TABLE plans (
    agent_id         text        PRIMARY KEY,
    event_id         text        NOT NULL,
    time             timestamptz NOT NULL,
    request_sequence bigint      NOT NULL,
    strategy_name    text        NOT NULL,
    lookback         int         NOT NULL,
    threshold        numeric     NOT NULL,
    max_loss_pct     numeric     NOT NULL,
    params           jsonb       NOT NULL DEFAULT '{}',
    reasoning        text        NOT NULL,
    provider         text        NOT NULL,
    model            text,
    fallback         boolean     NOT NULL,
    fallback_reason  text,
    decision_id      text        NOT NULL
);

-- What consumers recorded as applied is kept for a week: redeliveries come within minutes, not days.
CREATE INDEX processed_events_age ON processed_events (processed_at);

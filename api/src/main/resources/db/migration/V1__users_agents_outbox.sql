-- The Hub API's own state. Agents' desired configuration is written here together with an outbox row in one
-- transaction; Debezium publishes the outbox to Kafka. Observed state (status, later positions, trades, logs,
-- decisions) is projected back from Kafka into tables of its own.

CREATE TABLE users (
    id            uuid        PRIMARY KEY,
    email         text        NOT NULL UNIQUE,
    password_hash text        NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now()
);

-- Refresh tokens are stored as SHA-256 digests; one use each (rotated on refresh).
CREATE TABLE refresh_tokens (
    token_hash text        PRIMARY KEY,
    user_id    uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    expires_at timestamptz NOT NULL,
    used_at    timestamptz
);
CREATE INDEX refresh_tokens_user ON refresh_tokens (user_id);

-- API keys are shown once; only their SHA-256 digest is kept.
CREATE TABLE api_keys (
    id           uuid        PRIMARY KEY,
    user_id      uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name         text        NOT NULL,
    prefix       text        NOT NULL,
    key_hash     text        NOT NULL UNIQUE,
    created_at   timestamptz NOT NULL DEFAULT now(),
    last_used_at timestamptz,
    revoked_at   timestamptz
);
CREATE INDEX api_keys_user ON api_keys (user_id);

CREATE TABLE agents (
    id             text        PRIMARY KEY,
    owner_id       uuid        NOT NULL REFERENCES users (id),
    symbol         text        NOT NULL,
    strategy_name  text        NOT NULL,
    live_mode      boolean     NOT NULL,
    spec           jsonb       NOT NULL,  -- the agent's settings as the API accepted them (AgentSpec)
    revision       bigint      NOT NULL,  -- revision of the configuration last published
    desired_state  text        NOT NULL,  -- RUNNING | STOPPED | DELETED
    status         text        NOT NULL,  -- observed: CREATING | RUNNING | STOPPED | ERROR | DELETED
    status_reason  text,
    status_revision bigint     NOT NULL DEFAULT 0,
    status_time    timestamptz,
    created_at     timestamptz NOT NULL,
    updated_at     timestamptz NOT NULL,
    deleted_at     timestamptz
);
CREATE INDEX agents_owner ON agents (owner_id, created_at DESC, id) WHERE deleted_at IS NULL;

-- Outbox: a row is inserted and deleted in the transaction that changes the agent, so it lives only in the WAL,
-- where Debezium reads it. payload is the Avro single-object encoding of the event.
CREATE TABLE outbox (
    id           uuid        PRIMARY KEY,
    aggregate_id text        NOT NULL,
    topic        text        NOT NULL,
    event_type   text        NOT NULL,
    payload      bytea       NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now()
);

-- Consumers record the events they applied, in the transaction of the effect (at-least-once in, exactly-once effect).
CREATE TABLE processed_events (
    consumer     text        NOT NULL,
    event_id     text        NOT NULL,
    processed_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, event_id)
);

-- Debezium's source offsets, kept with the database they describe.
CREATE TABLE outbox_offsets (
    relay      text  NOT NULL,
    offset_key bytea NOT NULL,
    offset_val bytea,
    PRIMARY KEY (relay, offset_key)
);

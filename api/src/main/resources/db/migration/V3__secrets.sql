-- Users' secrets and agents' overrides, sealed with AES-256-GCM (io.agenthub.secrets.SecretStore): the value never
-- reaches the database in the clear. agent_id is '' for a user's own secrets.
CREATE TABLE secrets (
    owner_id   uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    agent_id   text        NOT NULL DEFAULT '',
    name       text        NOT NULL,
    key_id     text        NOT NULL,  -- the master key that sealed it
    nonce      bytea       NOT NULL,
    ciphertext bytea       NOT NULL,  -- with the GCM tag; associated data = owner, agent, name
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    PRIMARY KEY (owner_id, agent_id, name)
);
CREATE INDEX secrets_key ON secrets (key_id);

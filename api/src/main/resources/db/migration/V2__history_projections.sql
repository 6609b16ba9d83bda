-- What agents did, projected from Kafka for the API's queries. Rows are keyed by the event id of the record that
-- produced them, so a redelivered record changes nothing. Kept after an agent is deleted, for audit.

CREATE TABLE agent_logs (
    event_id   text        PRIMARY KEY,
    agent_id   text        NOT NULL,
    time       timestamptz NOT NULL,
    level      text        NOT NULL,
    message    text        NOT NULL,
    fields     jsonb       NOT NULL DEFAULT '{}'
);
CREATE INDEX agent_logs_agent_time ON agent_logs (agent_id, time DESC, event_id DESC);

-- Fills (one row per execution report that filled something).
CREATE TABLE trades (
    event_id        text        PRIMARY KEY,
    agent_id        text        NOT NULL,
    time            timestamptz NOT NULL,
    client_order_id text        NOT NULL,
    venue_order_id  text,
    venue           text        NOT NULL,
    symbol          text        NOT NULL,
    side            text        NOT NULL,
    quantity        numeric     NOT NULL,
    price           numeric     NOT NULL,
    fee             numeric     NOT NULL,
    fee_asset       text,
    liquidity       text,
    trade_id        text
);
CREATE INDEX trades_agent_time ON trades (agent_id, time DESC, event_id DESC);

-- Order outcomes that matter to a trader besides fills: refusals and cancellations.
CREATE TABLE order_events (
    event_id        text        PRIMARY KEY,
    agent_id        text        NOT NULL,
    time            timestamptz NOT NULL,
    client_order_id text        NOT NULL,
    status          text        NOT NULL,
    side            text        NOT NULL,
    quantity        numeric     NOT NULL,
    reject_code     text,
    reject_reason   text
);
CREATE INDEX order_events_agent_time ON order_events (agent_id, time DESC);

CREATE TABLE position_events (
    event_id           text        PRIMARY KEY,
    agent_id           text        NOT NULL,
    time               timestamptz NOT NULL,
    position_id        text        NOT NULL,
    symbol             text        NOT NULL,
    kind               text        NOT NULL,
    side               text        NOT NULL,
    quantity           numeric     NOT NULL,
    average_entry_price numeric,
    mark_price         numeric,
    realized_pnl       numeric     NOT NULL,
    unrealized_pnl     numeric     NOT NULL,
    fees               numeric     NOT NULL,
    leverage           int         NOT NULL,
    liquidation_price  numeric,
    stop_loss          numeric,
    take_profit        numeric,
    exit_price         numeric,
    close_reason       text
);
CREATE INDEX position_events_agent_time ON position_events (agent_id, time, event_id);

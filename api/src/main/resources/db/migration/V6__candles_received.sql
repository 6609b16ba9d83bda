-- When the API received each one-minute bar: a symbol whose last bar arrived recently is one a running feed carries.
-- Bars from before this column existed count as received long ago.
ALTER TABLE candles ADD COLUMN received_at timestamptz NOT NULL DEFAULT '-infinity';
ALTER TABLE candles ALTER COLUMN received_at SET DEFAULT now();
CREATE INDEX candles_received_at ON candles (received_at);

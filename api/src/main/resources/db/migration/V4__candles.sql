-- One-minute candles per symbol from market.bars.1m, for charts; larger timeframes are aggregated on read.
CREATE TABLE candles (
    symbol    text        NOT NULL,
    open_time timestamptz NOT NULL,
    open      numeric     NOT NULL,
    high      numeric     NOT NULL,
    low       numeric     NOT NULL,
    close     numeric     NOT NULL,
    volume    numeric     NOT NULL,
    PRIMARY KEY (symbol, open_time)
);

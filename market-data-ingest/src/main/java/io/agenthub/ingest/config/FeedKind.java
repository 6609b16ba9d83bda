package io.agenthub.ingest.config;

/** Which market feed to run. */
public enum FeedKind {
    /** HashKey Global when its REST API answers, else the bundled replay, else synthetic data; the choice is logged. */
    AUTO,
    /** HashKey Global public WebSocket, with REST backfill after gaps. */
    HASHKEY,
    /** A CSV file of one-minute candles (the bundled dataset by default). */
    REPLAY,
    /** Seeded geometric Brownian motion with volatility regimes. */
    SYNTHETIC
}

package io.agenthub.testkit.hashkey;

import io.agenthub.core.market.Bar;
import io.agenthub.core.market.Symbol;
import io.agenthub.core.market.Timeframe;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A kline as the peer computes it from its full history: one row of {@code GET /quote/v1/klines}
 * {@code [openTime,"o","h","l","c","vol",closeTime,"quoteVol",trades,"takerBase","takerQuote"]}.
 *
 * @param takerBaseVolume  base volume of trades the buyer took (not {@code buyerMaker})
 * @param takerQuoteVolume quote volume of those trades
 */
public record PeerKline(long openTime, long closeTime, BigDecimal open, BigDecimal high, BigDecimal low, BigDecimal close,
                        BigDecimal volume, BigDecimal quoteVolume, int trades, BigDecimal takerBaseVolume,
                        BigDecimal takerQuoteVolume) {

    static PeerKline start(long openTime, long intervalEnd, ScriptedTrade trade) {
        BigDecimal quote = trade.price().multiply(trade.quantity());
        return new PeerKline(openTime, intervalEnd - 1, trade.price(), trade.price(), trade.price(), trade.price(),
                trade.quantity(), quote, 1, trade.buyerMaker() ? BigDecimal.ZERO : trade.quantity(),
                trade.buyerMaker() ? BigDecimal.ZERO : quote);
    }

    /** Adds a trade that happened after every trade already in the kline. */
    PeerKline add(ScriptedTrade trade) {
        BigDecimal quote = trade.price().multiply(trade.quantity());
        return new PeerKline(openTime, closeTime, open, high.max(trade.price()), low.min(trade.price()), trade.price(),
                volume.add(trade.quantity()), quoteVolume.add(quote), trades + 1,
                trade.buyerMaker() ? takerBaseVolume : takerBaseVolume.add(trade.quantity()),
                trade.buyerMaker() ? takerQuoteVolume : takerQuoteVolume.add(quote));
    }

    /** This kline as one of our bars of the given timeframe. */
    public Bar toBar(Symbol symbol, Timeframe timeframe) {
        return new Bar(symbol, timeframe, Instant.ofEpochMilli(openTime), open, high, low, close, volume);
    }
}

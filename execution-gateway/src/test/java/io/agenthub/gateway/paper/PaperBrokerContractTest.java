package io.agenthub.gateway.paper;

import io.agenthub.core.broker.Broker;
import io.agenthub.core.market.Instruments;
import io.agenthub.core.market.MarketTick;
import io.agenthub.core.market.Symbol;
import io.agenthub.core.trading.ExecutionCosts;
import io.agenthub.core.venue.PaperVenue;
import io.agenthub.testkit.broker.BrokerContract;

import java.math.BigDecimal;
import java.time.Instant;

/** The paper venue holds to the broker contract. */
class PaperBrokerContractTest extends BrokerContract {

    @Override
    protected Venue open() {
        PaperVenue paper = PaperVenue.inMemory(Instruments.defaults(), PaperVenue.Settings.defaults());
        Broker broker = paper.open("contract", ExecutionCosts.standard(), new BigDecimal("10000"));
        Symbol symbol = Symbol.parse("BTC/USDT");
        return new Venue() {
            private long time = 1_700_000_000_000L;
            private int trades;

            @Override
            public Broker broker() {
                return broker;
            }

            @Override
            public Symbol symbol() {
                return symbol;
            }

            @Override
            public void trade(BigDecimal price, BigDecimal size) {
                time += 1000;
                paper.onTick(MarketTick.trade(symbol, Instant.ofEpochMilli(time), price, size, "t" + ++trades));
            }

            @Override
            public long now() {
                return time;
            }

            @Override
            public BigDecimal held() {
                return broker.account().signedPosition(symbol);
            }

            @Override
            public boolean allowsShort() {
                return true;
            }

            @Override
            public void close() {
            }
        };
    }
}

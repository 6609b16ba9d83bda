package io.agenthub.gateway.hashkey;

import io.agenthub.core.broker.Broker;
import io.agenthub.core.market.Symbol;
import io.agenthub.testkit.broker.BrokerContract;

import java.math.BigDecimal;
import java.time.Duration;

/** HashKey Global spot, against its protocol peer, holds to the broker contract (no shorts on spot). */
class HashKeySpotBrokerContractTest extends BrokerContract {

    @Override
    protected Venue open() throws Exception {
        HashKeyVenueFixture fixture = new HashKeyVenueFixture(Duration.ofSeconds(3));
        fixture.account.fund("USDT", new BigDecimal("10000"));
        Symbol btc = Symbol.parse("BTC/USDT");
        return new Venue() {
            @Override
            public Broker broker() {
                return fixture.session.spot();
            }

            @Override
            public Symbol symbol() {
                return btc;
            }

            @Override
            public void trade(BigDecimal price, BigDecimal size) {
                fixture.peer.trade("BTCUSDT", price, size);
            }

            @Override
            public long now() {
                return fixture.peer.now();
            }

            @Override
            public BigDecimal held() {
                return fixture.account.spotBalances().getOrDefault("BTC", BigDecimal.ZERO);
            }

            @Override
            public boolean allowsShort() {
                return false;
            }

            @Override
            public void close() throws Exception {
                fixture.close();
            }
        };
    }
}

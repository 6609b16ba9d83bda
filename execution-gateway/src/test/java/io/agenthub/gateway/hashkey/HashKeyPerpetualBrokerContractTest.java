package io.agenthub.gateway.hashkey;

import io.agenthub.core.broker.Broker;
import io.agenthub.core.market.Symbol;
import io.agenthub.testkit.broker.BrokerContract;
import io.agenthub.testkit.hashkey.exchange.PeerPosition;

import java.math.BigDecimal;
import java.time.Duration;

/** HashKey Global's BTC perpetual, against its protocol peer, holds to the broker contract. */
class HashKeyPerpetualBrokerContractTest extends BrokerContract {

    private static final BigDecimal CONTRACT = new BigDecimal("0.001");

    @Override
    protected Venue open() throws Exception {
        HashKeyVenueFixture fixture = new HashKeyVenueFixture(Duration.ofSeconds(3));
        fixture.account.fundFutures(new BigDecimal("10000"));
        Symbol btc = Symbol.parse("BTC/USDT");
        return new Venue() {
            @Override
            public Broker broker() {
                return fixture.session.perpetual();
            }

            @Override
            public Symbol symbol() {
                return btc;
            }

            @Override
            public void trade(BigDecimal price, BigDecimal size) {
                fixture.peer.trade("BTCUSDT-PERPETUAL", price, size.divide(CONTRACT).setScale(0, java.math.RoundingMode.DOWN));
            }

            @Override
            public long now() {
                return fixture.peer.now();
            }

            @Override
            public BigDecimal held() {
                BigDecimal held = BigDecimal.ZERO;
                for (PeerPosition p : fixture.account.positions()) {
                    BigDecimal base = p.contracts().multiply(CONTRACT);
                    held = held.add(p.side().equals("SHORT") ? base.negate() : base);
                }
                return held;
            }

            @Override
            public boolean allowsShort() {
                return true;
            }

            @Override
            public void close() throws Exception {
                fixture.close();
            }
        };
    }
}

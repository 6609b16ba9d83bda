package io.agenthub.supervisor;

import io.agenthub.schemas.Decimals;
import io.agenthub.schemas.events.AdvisorKind;
import io.agenthub.schemas.events.AdvisorRequest;
import io.agenthub.schemas.events.ContextBar;
import io.agenthub.schemas.events.RiskBounds;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Advisor requests as a processor sends them: BTC/USDT one-minute bars swinging around 20,000, sequence 7. */
public final class TestRequests {

    public static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");

    private TestRequests() {
    }

    public static AdvisorRequest.Builder request(AdvisorKind kind, int bars) {
        List<ContextBar> context = new ArrayList<>();
        for (int i = 0; i < bars; i++) {
            BigDecimal close = BigDecimal.valueOf(20000 + 50 * Math.sin(i / 5.0)).setScale(2, java.math.RoundingMode.HALF_EVEN);
            context.add(ContextBar.newBuilder().setOpenTime(NOW.minusSeconds(60L * (bars - i))).setOpen(Decimals.toWire(close))
                    .setHigh(Decimals.toWire(close.add(BigDecimal.TEN))).setLow(Decimals.toWire(close.subtract(BigDecimal.TEN)))
                    .setClose(Decimals.toWire(close)).setVolume(Decimals.toWire(BigDecimal.ONE)).build());
        }
        return AdvisorRequest.newBuilder()
                .setEventId("req-1").setEventTime(NOW).setCausationId(null).setAgentId("a1").setOwnerId("o1").setKind(kind)
                .setSequence(7).setSymbol("BTC/USDT").setIntervalSeconds(60).setRecentBars(context)
                .setLastPrice(Decimals.toWire(new BigDecimal("20000"))).setIndicators(Map.of()).setCurrentPlan(null).setPosition(null)
                .setBounds(RiskBounds.newBuilder().setStopLossPct(Decimals.toWire(new BigDecimal("2")))
                        .setTakeProfitPct(Decimals.toWire(new BigDecimal("4"))).setMaxLossPct(null).setLeverage(1).setAllowShort(false).build());
    }

}

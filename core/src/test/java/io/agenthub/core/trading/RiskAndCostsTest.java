package io.agenthub.core.trading;

import io.agenthub.core.ids.AgentId;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RiskAndCostsTest {

    private static RiskSettings risk(TpSlMode mode, int leverage, String maxLoss) {
        return new RiskSettings(new BigDecimal("1000"), new BigDecimal("2"), new BigDecimal("4"), leverage,
                maxLoss == null ? null : new BigDecimal(maxLoss), null, true, mode, new BigDecimal("2"), new BigDecimal("3"),
                new BigDecimal("0.005"));
    }

    @Test
    void shouldSlipAgainstTheTraderAndRoundFeesHalfUp() {
        ExecutionCosts costs = new ExecutionCosts(new BigDecimal("0.0002"), new BigDecimal("0.001"), new BigDecimal("5"));

        assertThat(costs.slipped(Side.BUY, new BigDecimal("23140.48"), 2)).isEqualByComparingTo("23152.06");
        assertThat(costs.slipped(Side.SELL, new BigDecimal("23140.48"), 2)).isEqualByComparingTo("23128.90");
        assertThat(costs.fee(new BigDecimal("1234.56789"), Liquidity.TAKER)).isEqualByComparingTo("1.23456789");
        assertThat(costs.fee(new BigDecimal("1234.56789"), Liquidity.MAKER)).isEqualByComparingTo("0.24691358");
    }

    @Test
    void shouldPlaceFixedLevelsFromPercentagesWhenModeIsFixed() {
        ProtectiveLevels levels = ProtectiveLevels.place(PositionSide.LONG, new BigDecimal("100.00"), 1.5, risk(TpSlMode.FIXED, 1, null), 2);

        assertThat(levels.stopLoss()).isEqualByComparingTo("98.00");
        assertThat(levels.takeProfit()).isEqualByComparingTo("104.00");
        assertThat(levels.liquidationPrice()).isNull();
    }

    @Test
    void shouldUseAtrAndRewardRiskWhenModeIsDynamicButNeverPassMaxLoss() {
        ProtectiveLevels tight = ProtectiveLevels.place(PositionSide.SHORT, new BigDecimal("100.00"), 0.5, risk(TpSlMode.DYNAMIC, 1, "5"), 2);
        ProtectiveLevels wide = ProtectiveLevels.place(PositionSide.LONG, new BigDecimal("100.00"), 10, risk(TpSlMode.DYNAMIC, 1, "5"), 2);

        assertThat(tight.stopLoss()).isEqualByComparingTo("101.00");
        assertThat(tight.takeProfit()).isEqualByComparingTo("97.00");
        assertThat(wide.stopLoss()).as("2 x ATR 10 = 20, bounded by 5 %").isEqualByComparingTo("95.00");
    }

    @Test
    void shouldComputeIsolatedLiquidationAndKeepTheStopInsideItWhenLeveraged() {
        BigDecimal longLiquidation = ProtectiveLevels.liquidationPrice(PositionSide.LONG, new BigDecimal("100"), 10, new BigDecimal("0.005"), 2);
        BigDecimal shortLiquidation = ProtectiveLevels.liquidationPrice(PositionSide.SHORT, new BigDecimal("100"), 10, new BigDecimal("0.005"), 2);
        ProtectiveLevels levels = ProtectiveLevels.place(PositionSide.LONG, new BigDecimal("100.00"), 1,
                new RiskSettings(new BigDecimal("1000"), new BigDecimal("20"), new BigDecimal("40"), 25, null, null, false,
                        TpSlMode.FIXED, new BigDecimal("2"), new BigDecimal("2"), new BigDecimal("0.005")), 2);

        assertThat(longLiquidation).isEqualByComparingTo("90.50");
        assertThat(shortLiquidation).isEqualByComparingTo("109.50");
        assertThat(levels.liquidationPrice()).isEqualByComparingTo("96.50");
        assertThat(levels.stopLoss()).as("20 % stop pulled to 90 %% of the way to liquidation").isEqualByComparingTo("96.85");
    }

    @Test
    void shouldSizeByTheNotionalCapRoundedDown() {
        assertThat(RiskSettings.defaults().quantityAt(new BigDecimal("23140.48"), 8)).isEqualByComparingTo("0.04321431");
        assertThat(RiskSettings.defaults().marginFor(new BigDecimal("1000"))).isEqualByComparingTo("1000");
    }

    @Test
    void shouldListEveryProblemWhenRiskSettingsAreOutOfRange() {
        assertThatThrownBy(() -> new RiskSettings(BigDecimal.ZERO, new BigDecimal("60"), new BigDecimal("-1"), 126, null,
                new BigDecimal("0"), false, TpSlMode.FIXED, new BigDecimal("2"), new BigDecimal("2"), new BigDecimal("0.005")))
                .hasMessageContaining("max_position_usd must be positive")
                .hasMessageContaining("stop_loss_pct must be above 0 and at most 50")
                .hasMessageContaining("take_profit_pct must be above 0")
                .hasMessageContaining("leverage must be an integer within 1..125, got 126")
                .hasMessageContaining("loss_limit_pct");
    }

    @Test
    void shouldDeriveDeterministicClientOrderIds() {
        assertThat(ClientOrderId.of(AgentId.of("agent-7"), 42, 0).value()).isEqualTo("agent-7-42-0");
        assertThat(ClientOrderId.of(AgentId.of("agent-7"), 42, 0)).isEqualTo(ClientOrderId.of(AgentId.of("agent-7"), 42, 0));
        assertThatThrownBy(() -> ClientOrderId.of(AgentId.of("bad id!"), 1, 0)).hasMessageContaining("agent id");
    }
}

package io.agenthub.core.venue;

import io.agenthub.core.broker.OrderCommand;
import io.agenthub.core.broker.OrderType;
import io.agenthub.core.market.TickKind;
import io.agenthub.core.trading.ExecutionCosts;
import io.agenthub.core.trading.Fill;
import io.agenthub.core.trading.Liquidity;
import io.agenthub.core.trading.OrderRequest;
import io.agenthub.core.trading.Side;

import java.math.BigDecimal;

/**
 * Where an order fills at a tick: the one fill model of the product. The paper venue fills every order with it, and the
 * backtest engine fills through the paper venue, so a backtest and a paper agent trade at the same prices by
 * construction. The rules and their reasons: {@code docs/fill-rules.md}.
 */
public final class FillModel {

    /** A fill's price, and whether it took liquidity or made it. */
    public record Priced(BigDecimal price, Liquidity liquidity) {
    }

    private FillModel() {
    }

    /** A market order at the first tick at or after its decision: that tick's price slipped against the order, taker. */
    public static Priced market(Side side, BigDecimal tick, ExecutionCosts costs, int priceScale) {
        return new Priced(costs.slipped(side, tick, priceScale), Liquidity.TAKER);
    }

    /** An agent's market order filled at {@code marketPrice} by {@link #market}, with its taker fee. */
    public static Fill marketFill(OrderRequest order, BigDecimal marketPrice, ExecutionCosts costs, int priceScale, long time) {
        Priced priced = market(order.side(), marketPrice, costs, priceScale);
        return new Fill(order.clientOrderId(), order.side(), priced.price(), order.quantity(),
                costs.fee(priced.price().multiply(order.quantity()), priced.liquidity()), priced.liquidity(), time);
    }

    /** A limit order that its first tick crosses: that tick's price slipped, never beyond the limit, taker. */
    public static Priced marketableLimit(Side side, BigDecimal limit, BigDecimal tick, ExecutionCosts costs, int priceScale) {
        BigDecimal slipped = costs.slipped(side, tick, priceScale);
        return new Priced(side == Side.BUY ? slipped.min(limit) : slipped.max(limit), Liquidity.TAKER);
    }

    /** A resting limit order that a later tick reached: at its limit, maker. */
    public static Priced restingLimit(BigDecimal limit) {
        return new Priced(limit, Liquidity.MAKER);
    }

    /**
     * A market order that the client's own stop-loss or take-profit level triggered at this tick, filled where the order
     * it stands for, resting at the level until this tick, would have filled:
     * <ul>
     *   <li>a stop (stop-loss): at its level where the price went through it ({@link TickKind#continuous() a candle's
     *   path}); at the tick, the first price beyond it, after a jump (a trade, a candle's open); slipped against the
     *   order, taker;</li>
     *   <li>a limit (take-profit): at its level, maker; at the tick where a candle opens beyond it.</li>
     * </ul>
     * A tick that does not reach the level (the client saw another price than the venue) fills it as a market order.
     */
    public static Priced triggered(Side side, OrderCommand.Trigger trigger, BigDecimal tick, TickKind kind, ExecutionCosts costs,
                                   int priceScale) {
        BigDecimal level = trigger.level();
        // > 0: the tick is a worse price for this order than the level; < 0: a better one
        int worse = tick.compareTo(level) * (side == Side.BUY ? 1 : -1);
        if (trigger.standsFor() == OrderType.STOP_MARKET) {
            return worse < 0 ? market(side, tick, costs, priceScale) : market(side, kind.continuous() ? level : tick, costs, priceScale);
        }
        if (worse > 0) {
            return market(side, tick, costs, priceScale);
        }
        return kind == TickKind.CANDLE_OPEN ? new Priced(tick, Liquidity.MAKER) : restingLimit(level);
    }
}

package io.agenthub.schemas;

import io.agenthub.schemas.events.AdvisorRequest;
import io.agenthub.schemas.events.AgentConfig;
import io.agenthub.schemas.events.AgentCredentials;
import io.agenthub.schemas.events.AgentLogEntry;
import io.agenthub.schemas.events.AgentStatus;
import io.agenthub.schemas.events.Bar;
import io.agenthub.schemas.events.DeadLetter;
import io.agenthub.schemas.events.DecisionRecord;
import io.agenthub.schemas.events.ExecutionReport;
import io.agenthub.schemas.events.MarketWatermark;
import io.agenthub.schemas.events.OrderIntent;
import io.agenthub.schemas.events.PositionEvent;
import io.agenthub.schemas.events.RiskAdjustment;
import io.agenthub.schemas.events.StrategyPlan;
import io.agenthub.schemas.events.Tick;
import org.apache.avro.specific.SpecificRecord;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** Every event type of the contract: one Avro schema each, one topic (family) each. */
public final class Events {

    /** The top-level events; each has a history under {@code io/agenthub/schemas/history/<Name>/}. */
    public static final List<Class<? extends SpecificRecord>> ALL = List.of(
            Tick.class, MarketWatermark.class, Bar.class,
            AgentConfig.class, AgentCredentials.class, AgentStatus.class, StrategyPlan.class, AdvisorRequest.class, RiskAdjustment.class,
            OrderIntent.class, ExecutionReport.class, PositionEvent.class,
            AgentLogEntry.class, DecisionRecord.class, DeadLetter.class);

    private Events() {
    }

    /**
     * A fresh event id: a random (version 4) UUID. Drawn from a fast non-cryptographic generator: ids must be
     * unique, not unguessable, and {@code UUID.randomUUID()}'s SecureRandom is the bottleneck at market-data rates.
     */
    public static String newEventId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }

    /** Event time at the wire's precision (milliseconds). */
    public static Instant truncate(Instant time) {
        return Instant.ofEpochMilli(time.toEpochMilli());
    }
}

package io.agenthub.gateway.live;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;

/**
 * Halting: an agent whose orders cannot be trusted to the venue any more sends nothing until its owner starts it
 * again; the halt is a report with {@code halt} (the agent goes to {@code error}) and a journal entry.
 */
final class LiveHalts {

    private static final Logger log = LoggerFactory.getLogger(LiveHalts.class);

    private final LiveJournal journal;
    private final LiveTransaction unit;
    private final Clock clock;
    private int sequence;

    LiveHalts(LiveJournal journal, LiveTransaction unit, Clock clock) {
        this.journal = journal;
        this.unit = unit;
        this.clock = clock;
    }

    void haltAgent(LiveAgent agent, String code, String reason) {
        if (agent.halted != null) {
            return;
        }
        log.error("agent {}: halted, {}: {}", agent.agentId, code, reason);
        agent.halted = code + ": " + reason;
        agent.haltedAt = agent.revision;
        agent.reconciled = false;
        unit.report(LiveReports.halt(agent, LiveReports.VENUE, code, reason, clock.millis(), ++sequence));
        unit.journal(agent);
    }

    /** HTTP 418: every live agent halts; nothing is sent until the ban is over and their owners start them again. */
    void haltVenue(String why) {
        for (LiveAgent agent : journal.agents()) {
            if (agent.running) {
                haltAgent(agent, "VENUE_BANNED", "HashKey banned this address (HTTP 418), all live trading stopped: " + why);
            }
        }
    }
}

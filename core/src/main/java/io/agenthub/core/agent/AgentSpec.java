package io.agenthub.core.agent;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One revision of an agent's configuration, as its owner gave it: what it should be doing ({@code desired}), its
 * checked settings (or why they cannot run), and how often its planner and supervisor are asked.
 *
 * @param flattenOnStop with {@code STOPPED}: the kill switch (close the position at market); with {@code DELETED}:
 *                      close the position before the agent is deleted
 */
public record AgentSpec(long revision, Desired desired, boolean flattenOnStop, String ownerId, boolean liveMode,
                        AgentSettings.Checked checked, Advisors advisors) {

    public enum Desired { RUNNING, STOPPED, DELETED }

    public AgentSpec {
        Objects.requireNonNull(desired, "desired");
        Objects.requireNonNull(checked, "checked");
        Objects.requireNonNull(advisors, "advisors");
    }

    /**
     * How often the advisors are asked: a plan every {@code planEveryBars} closed bars; a review of an open position
     * every {@code reviewEveryTicks} ticks, or every {@code reviewEverySeconds} of market time where that is set.
     */
    public record Advisors(boolean planner, int planEveryBars, boolean supervisor, int reviewEveryTicks, Integer reviewEverySeconds) {

        public static final Advisors NONE = new Advisors(false, 1, false, 1, null);

        /** What keeps these cadences from running, empty when nothing does. */
        List<String> problems() {
            List<String> problems = new ArrayList<>();
            if (planner && planEveryBars < 1) {
                problems.add("planner every_n_bars must be at least 1");
            }
            if (supervisor && reviewEveryTicks < 1) {
                problems.add("supervisor every_n_ticks must be at least 1");
            }
            if (supervisor && reviewEverySeconds != null && reviewEverySeconds < 1) {
                problems.add("supervisor every_n_seconds must be at least 1");
            }
            return problems;
        }
    }
}

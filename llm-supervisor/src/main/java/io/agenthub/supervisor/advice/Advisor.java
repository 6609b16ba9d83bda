package io.agenthub.supervisor.advice;

/**
 * The Advisor port: a planner that picks the strategy an agent runs, and a supervisor that reviews an open position.
 * Implementations: the rule-based advisor (always available, and the fallback) and, next, LLM advisors on langchain4j.
 * Whatever an implementation answers is validated by {@link AdviceValidator} before it reaches an agent.
 */
public interface Advisor {

    /** Who decided, as the audit trail names it: {@code rules}, {@code openai}, ... */
    String provider();

    PlanAdvice plan(AdvisorContext context);

    SupervisionAdvice supervise(AdvisorContext context);
}

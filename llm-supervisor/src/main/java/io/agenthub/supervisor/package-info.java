/**
 * The Advisor port: the LLM planner and supervisor on langchain4j, the rule-based fallback, validation and the decision audit trail.
 *
 * <p>Not built yet: this module reserves its place in the dependency graph (it may use {@code core} and
 * {@code schemas}, never another service). Issue 7 builds it.
 */
package io.agenthub.supervisor;

package io.agenthub.core.agent;

/** Where an agent is in its life, as its status reports it. */
public enum Lifecycle {
    CREATING, RUNNING, STOPPED, ERROR, DELETED
}

package io.agenthub.api.web;

/**
 * What the caller asked for does not exist for them. Another user's object answers exactly like one that never
 * existed, so ids cannot be probed.
 */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String what, String id) {
        super(what + " " + id + " not found");
    }
}

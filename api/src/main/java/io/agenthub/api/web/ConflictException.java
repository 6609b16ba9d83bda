package io.agenthub.api.web;

/** The request is valid but conflicts with the current state of the object (409). */
public class ConflictException extends RuntimeException {

    public ConflictException(String message) {
        super(message);
    }
}

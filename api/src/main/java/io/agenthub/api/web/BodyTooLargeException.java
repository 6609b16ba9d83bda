package io.agenthub.api.web;

import java.io.IOException;

/** Thrown while reading a request body that grew past the limit (a chunked body without Content-Length). */
public class BodyTooLargeException extends IOException {

    public BodyTooLargeException(long limit) {
        super("request body exceeds " + limit + " bytes");
    }
}

package io.agenthub.secrets;

/** A secret could not be stored, opened or resolved. Its message names the secret, never its value. */
public class SecretException extends RuntimeException {

    public SecretException(String message) {
        super(message);
    }
}

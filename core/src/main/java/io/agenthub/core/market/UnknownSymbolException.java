package io.agenthub.core.market;

/** A symbol that parses but that this deployment does not trade. */
public final class UnknownSymbolException extends IllegalArgumentException {

    public UnknownSymbolException(String message) {
        super(message);
    }
}

package io.agenthub.core.trading;

/** Why an order exists; exits say what triggered them. */
public enum OrderPurpose {
    ENTRY, EXIT, STOP_LOSS, TAKE_PROFIT, LIQUIDATION, LOSS_LIMIT, KILL_SWITCH, SUPERVISOR_CLOSE;

    public boolean closes() {
        return this != ENTRY;
    }

    /** How a closed position's reason is written on the wire: {@code stop_loss}, {@code signal}, ... */
    public String closeReason() {
        return this == EXIT ? "signal" : name().toLowerCase();
    }
}

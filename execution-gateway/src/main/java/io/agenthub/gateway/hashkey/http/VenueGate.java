package io.agenthub.gateway.hashkey.http;

import io.agenthub.core.broker.BrokerException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * What the venue said about our traffic as a whole, shared by every account that talks to one host: a 429 pauses
 * every call for the time the venue asked (or a default), a 418 (our address banned) stops every call until the ban
 * should be over. While paused or banned nothing is sent; callers get a refusal that says why.
 */
public final class VenueGate {

    private final Clock clock;
    private final Duration defaultBackoff;
    private final Duration defaultBan;
    private volatile Instant pausedUntil = Instant.MIN;
    private volatile Instant bannedUntil = Instant.MIN;

    public VenueGate(Clock clock, Duration defaultBackoff, Duration defaultBan) {
        this.clock = clock;
        this.defaultBackoff = defaultBackoff;
        this.defaultBan = defaultBan;
    }

    /** Refuses, without sending, a call made while the venue asked us to stay away. */
    void check(String path) {
        Instant now = clock.instant();
        if (now.isBefore(bannedUntil)) {
            throw new BrokerException(BrokerException.Outcome.REFUSED, 418, "VENUE_BANNED", path + ": not sent, HashKey banned this address (HTTP 418) until "
                    + bannedUntil, Duration.between(now, bannedUntil).toMillis());
        }
        if (now.isBefore(pausedUntil)) {
            throw new BrokerException(BrokerException.Outcome.REFUSED, 429, "RATE_LIMITED", path + ": not sent, backing off after HTTP 429 until "
                    + pausedUntil, Duration.between(now, pausedUntil).toMillis());
        }
    }

    /** @return how long calls now pause */
    Duration throttled(Duration retryAfter) {
        Duration wait = retryAfter != null ? retryAfter : defaultBackoff;
        Instant until = clock.instant().plus(wait);
        if (until.isAfter(pausedUntil)) {
            pausedUntil = until;
        }
        return wait;
    }

    Duration banned(Duration retryAfter) {
        Duration wait = retryAfter != null ? retryAfter : defaultBan;
        bannedUntil = clock.instant().plus(wait);
        return wait;
    }

    public boolean isBanned() {
        return clock.instant().isBefore(bannedUntil);
    }

    /** When calls may be sent again (now or earlier when nothing holds them). */
    public Instant openAt() {
        Instant paused = pausedUntil;
        Instant banned = bannedUntil;
        return paused.isAfter(banned) ? paused : banned;
    }
}

package org.kcskb.store.internal;

import java.time.Instant;

/**
 * Converts analytics event times to epoch microseconds and back: one sortable number per event, which SQL can
 * take the maximum of. {@link org.kcskb.analytics.SearchEvent} already truncates its time to microseconds and
 * keeps it within about 285,000 years of 1970, where the microseconds fit a {@code long}.
 */
final class EventTimes {
    /** Beyond this many seconds from 1970 a window bound is clamped; events never lie there. */
    private static final long LIMIT_SECONDS = 9_000_000_000_000L;

    private EventTimes() {}

    /** Returns {@code at} in epoch microseconds, clamped to {@code Long.MIN_VALUE..MAX_VALUE} far out. */
    static long micros(Instant at) {
        long seconds = at.getEpochSecond();
        if (seconds > LIMIT_SECONDS) {
            return Long.MAX_VALUE;
        }
        if (seconds < -LIMIT_SECONDS) {
            return Long.MIN_VALUE;
        }
        return seconds * 1_000_000L + at.getNano() / 1_000;
    }

    /** Returns the instant of {@code micros} epoch microseconds. */
    static Instant instant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }

    /** The longest reformulation window a store accepts. */
    static final java.time.Duration MAX_REFORMULATION_WINDOW = java.time.Duration.ofDays(1);

    /**
     * Returns the reformulation window {@code within} in microseconds.
     *
     * @throws IllegalArgumentException unless it is positive and at most {@link #MAX_REFORMULATION_WINDOW}
     */
    static long reformulationWindow(java.time.Duration within) {
        java.util.Objects.requireNonNull(within, "within");
        if (within.isNegative() || within.isZero() || within.compareTo(MAX_REFORMULATION_WINDOW) > 0) {
            throw new IllegalArgumentException(
                    "within must be positive and at most " + MAX_REFORMULATION_WINDOW + ", was " + within);
        }
        return within.toNanos() / 1_000;
    }
}

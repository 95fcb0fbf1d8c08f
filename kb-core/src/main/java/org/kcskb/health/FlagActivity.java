package org.kcskb.health;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What happened to the flags of some articles ("flag it" and "fix it" in KCS): raised and resolved in a report's
 * window, and still open when the report was made.
 *
 * @param raised flags raised in the window
 * @param resolved flags resolved in the window, whenever they were raised
 * @param openNow flags open at the report's {@linkplain HealthReport#asOf() as-of instant}, whenever they were raised
 * @param averageTurnaround the mean time from raising to resolving of the flags resolved in the window, truncated to
 *     milliseconds; empty when none was resolved
 */
public record FlagActivity(int raised, int resolved, int openNow, Optional<Duration> averageTurnaround) {
    private static final FlagActivity NONE = new FlagActivity(0, 0, 0, Optional.empty());

    public FlagActivity {
        Objects.requireNonNull(averageTurnaround, "averageTurnaround");
        if (raised < 0 || resolved < 0 || openNow < 0) {
            throw new IllegalArgumentException(
                    "Flag counts cannot be negative: " + raised + ", " + resolved + ", " + openNow);
        }
    }

    /** Returns the activity of articles without flags. */
    public static FlagActivity none() {
        return NONE;
    }
}

package org.kcskb.health;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.kcskb.article.FlagReason;

/**
 * What happened to the flags of some articles ("flag it" and "fix it" in KCS): raised and resolved in a report's
 * window, and still open when the report was made, with the raised and open ones split by {@link FlagReason}, so
 * that a coach sees why articles are flagged (outdated after a release, incorrect, incomplete, duplicates).
 *
 * @param raised flags raised in the window
 * @param resolved flags resolved in the window, whenever they were raised
 * @param openNow flags open at the report's {@linkplain HealthReport#asOf() as-of instant}, whenever they were raised
 * @param averageTurnaround the mean time from raising to resolving of the flags resolved in the window, truncated to
 *     milliseconds; empty when none was resolved
 * @param raisedByReason {@code raised} split by reason, in {@link FlagReason} order, reasons without a flag left out;
 *     the counts add up to {@code raised}
 * @param openNowByReason {@code openNow} split by reason, likewise; the counts add up to {@code openNow}
 */
public record FlagActivity(
        int raised,
        int resolved,
        int openNow,
        Optional<Duration> averageTurnaround,
        Map<FlagReason, Integer> raisedByReason,
        Map<FlagReason, Integer> openNowByReason) {
    private static final FlagActivity NONE = new FlagActivity(0, 0, 0, Optional.empty(), Map.of(), Map.of());

    public FlagActivity {
        Objects.requireNonNull(averageTurnaround, "averageTurnaround");
        if (raised < 0 || resolved < 0 || openNow < 0) {
            throw new IllegalArgumentException(
                    "Flag counts cannot be negative: " + raised + ", " + resolved + ", " + openNow);
        }
        raisedByReason = byReason("raisedByReason", raisedByReason, raised);
        openNowByReason = byReason("openNowByReason", openNowByReason, openNow);
    }

    /** Returns the activity of articles without flags. */
    public static FlagActivity none() {
        return NONE;
    }

    /** Returns how many flags of {@code reason} were raised in the window. */
    public int raised(FlagReason reason) {
        return raisedByReason.getOrDefault(Objects.requireNonNull(reason, "reason"), 0);
    }

    /** Returns how many flags of {@code reason} were open at the as-of instant. */
    public int openNow(FlagReason reason) {
        return openNowByReason.getOrDefault(Objects.requireNonNull(reason, "reason"), 0);
    }

    private static Map<FlagReason, Integer> byReason(String name, Map<FlagReason, Integer> counts, int total) {
        Objects.requireNonNull(counts, name);
        var copy = new EnumMap<FlagReason, Integer>(FlagReason.class);
        int sum = 0;
        for (Map.Entry<FlagReason, Integer> entry : counts.entrySet()) {
            int count = Objects.requireNonNull(entry.getValue(), name + " count");
            if (count < 0) {
                throw new IllegalArgumentException(name + " cannot hold a negative count: " + counts);
            }
            if (count > 0) {
                copy.put(Objects.requireNonNull(entry.getKey(), name + " reason"), count);
                sum += count;
            }
        }
        if (sum != total) {
            throw new IllegalArgumentException(name + " " + counts + " must add up to " + total);
        }
        return Collections.unmodifiableMap(copy);
    }
}

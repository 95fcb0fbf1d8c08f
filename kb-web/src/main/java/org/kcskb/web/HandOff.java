package org.kcskb.web;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * A visitor who found nothing that helped and asked to contact support: what the support team should see first.
 *
 * <p>The help site has already recorded the query as a search that nothing answered, so it shows up in the
 * {@linkplain org.kcskb.analytics.SearchAnalytics#contentGaps content gaps}. Immutable and thread-safe.
 *
 * @param reference the reference shown to the visitor, for example {@code HO-1f3a...}
 * @param query what the visitor searched for last, possibly empty
 * @param language the query's language, {@link Locale#ROOT} when unknown
 * @param message what the visitor wrote for support, possibly empty (plain text: escape it before showing it)
 * @param at when the visitor asked
 */
public record HandOff(String reference, String query, Locale language, String message, Instant at) {
    public HandOff {
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(at, "at");
    }
}

package org.kcskb.analytics;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * A search that nobody clicked, followed shortly by a different search of the same visitor whose hit was clicked:
 * the raw material of {@linkplain org.kcskb.vocabulary.SynonymProposal synonym proposals} ("lohnzettel fehlt", then
 * "gehaltsabrechnung nicht erhalten"). Stores return these through {@link
 * org.kcskb.store.spi.AnalyticsStore#reformulations}; the knowledge base turns them into proposals. Immutable and
 * thread-safe.
 *
 * @param failedQuery the {@linkplain SearchEvent#normalize(String) normalised} text of the search without a click
 * @param failedLanguage its language
 * @param query the normalised text of the later search that got a click
 * @param language its language
 * @param visitor the keyed visitor hash both searches carry (never empty)
 * @param at when the later search ran
 */
public record Reformulation(
        String failedQuery, Locale failedLanguage, String query, Locale language, String visitor, Instant at) {
    /** The most reformulations a store returns for one report: the newest. */
    public static final int MAX_ROWS = 50_000;

    public Reformulation {
        Objects.requireNonNull(failedQuery, "failedQuery");
        Objects.requireNonNull(failedLanguage, "failedLanguage");
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(visitor, "visitor");
        Objects.requireNonNull(at, "at");
    }
}

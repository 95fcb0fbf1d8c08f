package org.kcskb.analytics;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.kcskb.InvalidInputException;

/**
 * Which events a search-analytics report covers: a time window, optionally one language, and how many rows.
 *
 * <p>Start from {@link #all()} or {@link #between(Instant, Instant)} and narrow it:
 *
 * <pre>{@code
 * ReportQuery lastWeek = ReportQuery.between(now.minus(Duration.ofDays(7)), now)
 *         .withLanguage(Locale.GERMAN)
 *         .withLimit(50);
 * }</pre>
 *
 * <p>The same query gives different rows to different readers: {@link org.kcskb.KnowledgeBase#analytics()} is
 * the administrator's view over every event, {@link org.kcskb.KnowledgeBase#analytics(org.kcskb.actor.Viewer)}
 * one viewer's. Bad values fail with {@link InvalidInputException} naming {@code to} or {@code limit}. Immutable
 * and thread-safe; equal queries are equal.
 *
 * @param from the first instant of the window (inclusive), or {@link Instant#MIN}
 * @param to the end of the window (exclusive), or {@link Instant#MAX}; times are compared at microsecond precision
 * @param language only events in this language (compared by BCP 47 tag, so {@code de} does not include
 *     {@code de-CH}; {@link Locale#ROOT} selects queries of unknown language), or empty for every language
 * @param limit the most rows a report returns, 1 to {@value #MAX_LIMIT}
 * @param product only searches made for this product (their {@code product} environment filter, else the asker's
 *     {@code product} context; compared exactly), or empty for every search. Reports of searches (top queries,
 *     content gaps, answered queries) follow it; clicks and picks count through their searches where a report
 *     joins them, and are not filtered on their own
 */
public record ReportQuery(Instant from, Instant to, Optional<Locale> language, int limit, Optional<String> product) {
    /** The most rows a report can return. */
    public static final int MAX_LIMIT = 10_000;

    /** The number of rows unless {@link #withLimit(int)} says otherwise. */
    public static final int DEFAULT_LIMIT = 20;

    public ReportQuery {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(product, "product");
        if (product.isPresent()
                && (product.get().isBlank() || product.get().length() > SearchEvent.MAX_PRODUCT_LENGTH)) {
            throw new InvalidInputException(
                    "product",
                    product.get(),
                    "name a product of 1 to " + SearchEvent.MAX_PRODUCT_LENGTH
                            + " characters, as articles' product attribute does");
        }
        if (!from.isBefore(to)) {
            throw new InvalidInputException(
                    "to", to, "the report window must start before it ends, and it starts at " + from);
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidInputException("limit", limit, "must be between 1 and " + MAX_LIMIT);
        }
    }

    /** Returns a query over {@code [from, to)} in {@code language} (if any) with {@code limit} rows, any product. */
    public ReportQuery(Instant from, Instant to, Optional<Locale> language, int limit) {
        this(from, to, language, limit, Optional.empty());
    }

    /** Returns a query over every recorded event, every language, with {@value #DEFAULT_LIMIT} rows. */
    public static ReportQuery all() {
        return new ReportQuery(Instant.MIN, Instant.MAX, Optional.empty(), DEFAULT_LIMIT);
    }

    /** Returns a query over the events in {@code [from, to)}, every language, with {@value #DEFAULT_LIMIT} rows. */
    public static ReportQuery between(Instant from, Instant to) {
        return new ReportQuery(from, to, Optional.empty(), DEFAULT_LIMIT);
    }

    /** Returns this query restricted to {@code language}. */
    public ReportQuery withLanguage(Locale language) {
        return new ReportQuery(from, to, Optional.of(Objects.requireNonNull(language, "language")), limit, product);
    }

    /** Returns this query with at most {@code limit} rows. */
    public ReportQuery withLimit(int limit) {
        return new ReportQuery(from, to, language, limit, product);
    }

    /**
     * Returns this query restricted to the searches made for {@code product}, for example the content gaps of one
     * product: {@code kb.analytics().contentGaps(ReportQuery.all().withProduct("Acme Print"))}.
     */
    public ReportQuery withProduct(String product) {
        return new ReportQuery(from, to, language, limit, Optional.of(Objects.requireNonNull(product, "product")));
    }
}

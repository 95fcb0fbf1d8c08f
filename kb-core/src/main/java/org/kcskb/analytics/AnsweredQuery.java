package org.kcskb.analytics;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import org.kcskb.article.ArticleId;

/**
 * A query that an article answered: searches for it were followed by a click on, or a case link to, that
 * article. The raw material of query suggestions, and a report of which questions an article answers.
 *
 * <p>Immutable and thread-safe.
 *
 * @param query the {@linkplain SearchEvent#normalize(String) normalised} query
 * @param language the query language, {@link Locale#ROOT} when unknown
 * @param article the article that was clicked or linked
 * @param answers how many searches for the query chose that article
 * @param lastAnswered when the latest of those searches ran
 */
public record AnsweredQuery(String query, Locale language, ArticleId article, long answers, Instant lastAnswered) {
    public AnsweredQuery {
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(article, "article");
        Objects.requireNonNull(lastAnswered, "lastAnswered");
        if (answers < 1) {
            throw new IllegalArgumentException("An answered query counts at least one answer, was " + answers);
        }
    }
}

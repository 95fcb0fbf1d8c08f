package org.kcskb.analytics;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import org.kcskb.article.ArticleId;
import org.kcskb.article.Audience;

/**
 * A query that an article answered: searches for it by viewers of one audience were followed by a click on, or a
 * case link to, that article, which was among the hits of that very search. The raw material of query
 * suggestions, and a report of which questions an article answers.
 *
 * <p>A learned query is only ever suggested to viewers of the {@code audience} it was typed in, and only once
 * {@code visitors} reaches the knowledge base's threshold (see
 * {@link org.kcskb.KnowledgeBaseBuilder#suggestionVisitors(int)}). Immutable and thread-safe.
 *
 * @param query the {@linkplain SearchEvent#normalize(String) normalised} query
 * @param language the query language, {@link Locale#ROOT} when unknown
 * @param audience the audience of the viewers who typed it ({@link org.kcskb.actor.Viewer#audience()})
 * @param article the article that was clicked or linked
 * @param answers how many searches for the query chose that article
 * @param visitors how many distinct visitors those searches came from, as far as they are known: searches by the
 *     anonymous public without a visitor key, and searches recorded before visitor keys existed, count as answers
 *     but not as visitors; never more than {@code answers}
 * @param lastAnswered when the latest of those searches ran
 */
public record AnsweredQuery(
        String query,
        Locale language,
        Audience audience,
        ArticleId article,
        long answers,
        long visitors,
        Instant lastAnswered) {
    public AnsweredQuery {
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(audience, "audience");
        Objects.requireNonNull(article, "article");
        Objects.requireNonNull(lastAnswered, "lastAnswered");
        if (answers < 1) {
            throw new IllegalArgumentException("An answered query counts at least one answer, was " + answers);
        }
        if (visitors < 0 || visitors > answers) {
            throw new IllegalArgumentException(
                    "visitors must be between 0 and the answers (" + answers + "), was " + visitors);
        }
    }
}

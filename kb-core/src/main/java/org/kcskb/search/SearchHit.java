package org.kcskb.search;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.kcskb.article.ArticleId;
import org.kcskb.article.ArticleState;
import org.kcskb.article.Audience;

/**
 * One article in a search result.
 *
 * <p>{@code snippet} is HTML: every character of the article text is escaped, and matched words are wrapped
 * in {@code <mark>} and {@code </mark>}, so it is safe to put into a page as it is; {@link #highlight()} gives the
 * same as plain text with match ranges. Immutable and thread-safe.
 *
 * @param id the article
 * @param revision the article revision the index holds
 * @param title the title as plain text (escape it before putting it into HTML)
 * @param snippet an HTML-escaped excerpt with matches marked
 * @param score the ranking score; only comparable within one result
 * @param state the article's state
 * @param audience the article's audience
 * @param language the article's language
 * @param modified when the article was last revised
 * @param explanation why the article ranked here, when the request asked for it
 * @param translations the article's translations the viewer may see, by language (see
 *     {@link org.kcskb.KnowledgeBase#linkTranslation}): what a language switch offers. A search that matched several
 *     versions of one issue shows only the one in the preferred language, with the others here; empty when there
 *     are none (a translation the viewer may not see is never named)
 */
public record SearchHit(
        ArticleId id,
        int revision,
        String title,
        String snippet,
        float score,
        ArticleState state,
        Audience audience,
        Locale language,
        Instant modified,
        Optional<String> explanation,
        Map<Locale, ArticleId> translations) {
    public SearchHit {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(snippet, "snippet");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(audience, "audience");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(modified, "modified");
        Objects.requireNonNull(explanation, "explanation");
        translations = Map.copyOf(translations);
    }

    /** Returns a hit without translations. */
    public SearchHit(
            ArticleId id,
            int revision,
            String title,
            String snippet,
            float score,
            ArticleState state,
            Audience audience,
            Locale language,
            Instant modified,
            Optional<String> explanation) {
        this(id, revision, title, snippet, score, state, audience, language, modified, explanation, Map.of());
    }

    /**
     * Returns the snippet as structure: its plain text and the ranges that matched the query, for clients that do
     * not render HTML (see {@link Highlight}).
     */
    public Highlight highlight() {
        return Highlight.fromHtml(snippet);
    }

    /** Returns this hit with the given {@link #translations()}. */
    public SearchHit withTranslations(Map<Locale, ArticleId> translations) {
        return new SearchHit(
                id, revision, title, snippet, score, state, audience, language, modified, explanation, translations);
    }
}

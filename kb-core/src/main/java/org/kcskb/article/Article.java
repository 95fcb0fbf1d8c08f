package org.kcskb.article;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The current state of a knowledge article: its latest revision plus creation data and usage signals.
 *
 * <p>Immutable and thread-safe; a snapshot that does not change when the article is revised later.
 *
 * @param id the article id
 * @param revision the current revision number
 * @param content the KCS content
 * @param state the lifecycle state
 * @param audience who it is published to
 * @param mergedInto the surviving article, if this one was merged as a duplicate
 * @param author the id of the actor who captured it
 * @param created when it was captured
 * @param modifiedBy the id of the actor who made the latest revision
 * @param modified when the latest revision was made
 * @param signals reuse, views, votes and open flags
 * @param translations the other articles of its translation group, by their language: the same issue written in
 *     another language (see {@link org.kcskb.KnowledgeBase#linkTranslation}); empty when it has none. Read for a
 *     viewer ({@link org.kcskb.KnowledgeBase#article(ArticleId, org.kcskb.actor.Viewer)}), only those the viewer
 *     may read
 */
public record Article(
        ArticleId id,
        int revision,
        ArticleContent content,
        ArticleState state,
        Audience audience,
        Optional<ArticleId> mergedInto,
        String author,
        Instant created,
        String modifiedBy,
        Instant modified,
        Signals signals,
        Map<Locale, ArticleId> translations) {

    public Article {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(audience, "audience");
        Objects.requireNonNull(mergedInto, "mergedInto");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(modifiedBy, "modifiedBy");
        Objects.requireNonNull(modified, "modified");
        Objects.requireNonNull(signals, "signals");
        translations = Map.copyOf(translations);
        if (revision < 1) {
            throw new IllegalArgumentException("Revision numbers start at 1, was " + revision);
        }
        if (translations.containsValue(id)) {
            throw new IllegalArgumentException("Article " + id + " cannot be its own translation");
        }
    }

    /** Returns an article without translations. */
    public Article(
            ArticleId id,
            int revision,
            ArticleContent content,
            ArticleState state,
            Audience audience,
            Optional<ArticleId> mergedInto,
            String author,
            Instant created,
            String modifiedBy,
            Instant modified,
            Signals signals) {
        this(
                id,
                revision,
                content,
                state,
                audience,
                mergedInto,
                author,
                created,
                modifiedBy,
                modified,
                signals,
                Map.of());
    }

    /** Returns this article with the given {@link #translations()}. */
    public Article withTranslations(Map<Locale, ArticleId> translations) {
        return new Article(
                id,
                revision,
                content,
                state,
                audience,
                mergedInto,
                author,
                created,
                modifiedBy,
                modified,
                signals,
                translations);
    }

    /**
     * Returns the id that names this article's translation group: the smallest id of the group (by
     * {@link ArticleId} order), or empty when the article has no translations. Every member of a group computes
     * the same id; a search engine indexes it to find an article's translations among the hits.
     */
    public Optional<ArticleId> translationGroup() {
        if (translations.isEmpty()) {
            return Optional.empty();
        }
        ArticleId smallest = id;
        for (ArticleId other : translations.values()) {
            if (other.compareTo(smallest) < 0) {
                smallest = other;
            }
        }
        return Optional.of(smallest);
    }

    /** Assembles the current article from its first and latest revision and its signals. */
    public static Article of(Revision first, Revision latest, Signals signals) {
        return new Article(
                latest.articleId(),
                latest.number(),
                latest.content(),
                latest.state(),
                latest.audience(),
                latest.mergedInto(),
                first.author().id(),
                first.at(),
                latest.author().id(),
                latest.at(),
                signals);
    }

    public String title() {
        return content.title();
    }

    public String issue() {
        return content.issue();
    }

    public Environment environment() {
        return content.environment();
    }

    public String resolution() {
        return content.resolution();
    }

    public String cause() {
        return content.cause();
    }

    public Locale language() {
        return content.language();
    }
}

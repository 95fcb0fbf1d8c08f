package org.kcskb.article;

import java.time.Instant;
import java.util.Locale;
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
        Signals signals) {

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
        if (revision < 1) {
            throw new IllegalArgumentException("Revision numbers start at 1, was " + revision);
        }
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

package org.kcskb.browse;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.kcskb.article.Article;
import org.kcskb.article.ArticleId;
import org.kcskb.article.ArticleState;
import org.kcskb.article.Audience;
import org.kcskb.article.CaseLink;
import org.kcskb.article.Flag;

/**
 * One line of a browse listing or work queue: what a KCS coach needs to decide what to open next, without the
 * article's text. Immutable and thread-safe.
 *
 * @param id the article id
 * @param title the current title
 * @param state the lifecycle state
 * @param audience who it is published to
 * @param language the article's language, {@link Locale#ROOT} when unknown
 * @param author the id of the actor who captured it
 * @param product the environment's {@code product} attribute, if any
 * @param created when it was captured
 * @param updated when the latest revision was made
 * @param reuseCount how many cases link it now
 * @param lastReused when the newest of its current case links was made; empty when no case links it
 * @param openFlags how many of its flags wait for a fix
 * @param oldestOpenFlag when its oldest open flag was raised; empty when none is open
 * @param viewCount how often it was viewed
 * @param feedbackCount how many helpful and not-helpful votes it got
 */
public record ArticleSummary(
        ArticleId id,
        String title,
        ArticleState state,
        Audience audience,
        Locale language,
        String author,
        Optional<String> product,
        Instant created,
        Instant updated,
        int reuseCount,
        Optional<Instant> lastReused,
        int openFlags,
        Optional<Instant> oldestOpenFlag,
        long viewCount,
        int feedbackCount) {

    public ArticleSummary {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(audience, "audience");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(product, "product");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(updated, "updated");
        Objects.requireNonNull(lastReused, "lastReused");
        Objects.requireNonNull(oldestOpenFlag, "oldestOpenFlag");
    }

    /**
     * Summarises an article from its current state, its current case links and its flags (open and resolved), as
     * a store that filters in memory does.
     */
    public static ArticleSummary of(Article article, List<CaseLink> links, List<Flag> flags) {
        return of(
                article,
                links.stream().map(CaseLink::linkedAt).max(Instant::compareTo),
                flags.stream().filter(Flag::isOpen).map(Flag::raisedAt).min(Instant::compareTo));
    }

    /**
     * Summarises an article from its current state (with its signals) and the two times a store derives from its
     * case links and open flags.
     */
    public static ArticleSummary of(Article article, Optional<Instant> lastReused, Optional<Instant> oldestOpenFlag) {
        return new ArticleSummary(
                article.id(),
                article.title(),
                article.state(),
                article.audience(),
                article.language(),
                article.author(),
                article.environment().product(),
                article.created(),
                article.modified(),
                article.signals().reuseCount(),
                lastReused,
                article.signals().openFlagCount(),
                oldestOpenFlag,
                article.signals().viewCount(),
                article.signals().helpfulCount() + article.signals().unhelpfulCount());
    }
}

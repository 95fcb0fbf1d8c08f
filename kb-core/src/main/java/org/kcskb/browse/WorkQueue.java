package org.kcskb.browse;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.kcskb.article.ArticleState;

/**
 * The named queues a KCS coach works through in the Evolve Loop. Each is a {@linkplain BrowseRequest listing}
 * narrowed by its rule and {@link QueueSettings thresholds}, read with
 * {@link org.kcskb.KnowledgeBase#queue(org.kcskb.actor.Viewer, WorkQueue, QueueSettings, BrowseRequest)}; every
 * item carries the reason it is listed. The rule replaces the same filters of the request it narrows (the state,
 * for example); the request's other filters (product, author, audience, ...) narrow the queue further.
 */
public enum WorkQueue {
    /**
     * {@code NOT_VALIDATED} articles linked to at least {@link QueueSettings#publishAfterReuses()} cases: reuse is
     * KCS's signal that an article is ready to be validated and published. Most reused first.
     */
    PUBLISH(BrowseRequest.Sort.REUSE_COUNT, true),
    /**
     * {@code WORK_IN_PROGRESS} articles captured more than {@link QueueSettings#workInProgressAge()} ago. Oldest
     * first.
     */
    STALE_WORK_IN_PROGRESS(BrowseRequest.Sort.CREATED, false),
    /**
     * Articles with open flags, the oldest raised more than {@link QueueSettings#openFlagAge()} ago. Oldest flag
     * first.
     */
    OPEN_FLAGS(BrowseRequest.Sort.OLDEST_OPEN_FLAG, false),
    /**
     * {@code VALIDATED} articles neither revised nor linked to a case for {@link QueueSettings#staleAfter()}: due
     * for a review. Least recently updated first.
     */
    STALE_VALIDATED(BrowseRequest.Sort.UPDATED, false),
    /**
     * {@code VALIDATED} articles neither revised nor linked to a case for {@link QueueSettings#archiveAfter()} and
     * viewed at most {@link QueueSettings#archiveMaxViews()} and rated at most
     * {@link QueueSettings#archiveMaxFeedback()} times: candidates for {@code ARCHIVED}. Least
     * recently updated first.
     */
    ARCHIVE_CANDIDATES(BrowseRequest.Sort.UPDATED, false);

    private final BrowseRequest.Sort sort;
    private final boolean descending;

    WorkQueue(BrowseRequest.Sort sort, boolean descending) {
        this.sort = sort;
        this.descending = descending;
    }

    /**
     * Starts a request in this queue's natural order, for the filters that narrow it further and for paging: pass
     * the built request to {@code queue(...)}, and the same with {@code after(nextCursor)} for the next page.
     */
    public BrowseRequest.Builder request() {
        return BrowseRequest.builder().sort(sort, descending);
    }

    /** Returns {@code within} narrowed by this queue's rule, as of {@code now}. */
    public BrowseRequest narrow(BrowseRequest within, QueueSettings settings, Instant now) {
        BrowseRequest.Builder b = within.toBuilder();
        switch (this) {
            case PUBLISH ->
                b.states(ArticleState.NOT_VALIDATED)
                        .minReuseCount(Math.max(within.minReuseCount(), settings.publishAfterReuses()));
            case STALE_WORK_IN_PROGRESS ->
                b.states(ArticleState.WORK_IN_PROGRESS)
                        .created(TimeRange.before(now.minus(settings.workInProgressAge())));
            case OPEN_FLAGS -> {
                b.openFlags(true);
                if (!settings.openFlagAge().isZero()) {
                    b.oldestOpenFlag(TimeRange.before(now.minus(settings.openFlagAge())));
                }
            }
            case STALE_VALIDATED -> {
                Instant since = now.minus(settings.staleAfter());
                b.states(ArticleState.VALIDATED)
                        .updated(TimeRange.before(since))
                        .notReusedSince(since);
            }
            case ARCHIVE_CANDIDATES -> {
                Instant since = now.minus(settings.archiveAfter());
                long views = within.maxViewCount()
                        .map(v -> Math.min(v, settings.archiveMaxViews()))
                        .orElse(settings.archiveMaxViews());
                b.states(ArticleState.VALIDATED)
                        .updated(TimeRange.before(since))
                        .notReusedSince(since)
                        .maxViewCount(views)
                        .maxFeedbackCount(within.maxFeedbackCount()
                                .map(v -> Math.min(v, settings.archiveMaxFeedback()))
                                .orElse(settings.archiveMaxFeedback()));
            }
        }
        return b.build();
    }

    /** Returns why this queue lists {@code article}, as of {@code now}. */
    public String reason(ArticleSummary article, QueueSettings settings, Instant now) {
        return switch (this) {
            case PUBLISH ->
                "reused " + article.reuseCount() + " times" + lastReuse(article.lastReused())
                        + ", not yet validated (publish after " + settings.publishAfterReuses() + ")";
            case STALE_WORK_IN_PROGRESS ->
                "work in progress for " + days(article.created(), now) + " days (captured " + date(article.created())
                        + ", last changed " + date(article.updated()) + ")";
            case OPEN_FLAGS ->
                article.openFlags()
                        + (article.openFlags() == 1 ? " open flag" : " open flags")
                        + article.oldestOpenFlag()
                                .map(at -> ", the oldest raised " + date(at) + " (" + dayCount(at, now) + " ago)")
                                .orElse("");
            case STALE_VALIDATED ->
                "validated, not revised for " + days(article.updated(), now) + " days (since " + date(article.updated())
                        + ") and " + notReused(article, now);
            case ARCHIVE_CANDIDATES ->
                "validated, not revised for " + days(article.updated(), now) + " days, " + notReused(article, now)
                        + ", viewed " + article.viewCount() + " times and rated " + article.feedbackCount()
                        + " times in all";
        };
    }

    private static String lastReuse(Optional<Instant> lastReused) {
        return lastReused.map(at -> ", last on " + date(at)).orElse("");
    }

    private static String notReused(ArticleSummary article, Instant now) {
        return article.lastReused()
                .map(at -> "not reused for " + days(at, now) + " days (last on " + date(at) + ")")
                .orElse("never reused");
    }

    private static String dayCount(Instant from, Instant now) {
        long days = days(from, now);
        return days == 1 ? "1 day" : days + " days";
    }

    private static long days(Instant from, Instant now) {
        return Math.max(0, Duration.between(from, now).toDays());
    }

    private static String date(Instant at) {
        return at.atOffset(ZoneOffset.UTC).toLocalDate().toString();
    }
}

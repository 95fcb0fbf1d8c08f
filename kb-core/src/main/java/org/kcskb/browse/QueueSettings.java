package org.kcskb.browse;

import java.time.Duration;
import java.util.Objects;
import org.kcskb.InvalidInputException;

/**
 * The thresholds of the {@linkplain WorkQueue work queues}. Immutable; start from {@link #defaults()} and change
 * what a support organisation needs with the {@code with...} methods.
 *
 * @param publishAfterReuses how many current case links make a {@code NOT_VALIDATED} article ready for review
 *     ({@link WorkQueue#PUBLISH}); default 3
 * @param workInProgressAge how long after capture a {@code WORK_IN_PROGRESS} article counts as stuck
 *     ({@link WorkQueue#STALE_WORK_IN_PROGRESS}); default 14 days
 * @param openFlagAge how long a flag must have been open to be listed ({@link WorkQueue#OPEN_FLAGS}); default
 *     zero: every open flag, oldest first
 * @param staleAfter how long a {@code VALIDATED} article may go without a revision and without a new case link
 *     before it needs a review ({@link WorkQueue#STALE_VALIDATED}); default 180 days
 * @param archiveAfter how long a {@code VALIDATED} article may go without a revision and without a new case link
 *     before it may be archived ({@link WorkQueue#ARCHIVE_CANDIDATES}); default 365 days
 * @param archiveMaxViews the most views in its life an archive candidate may have; default 10
 * @param archiveMaxFeedback the most votes (helpful or not) in its life an archive candidate may have; default 0
 */
public record QueueSettings(
        int publishAfterReuses,
        Duration workInProgressAge,
        Duration openFlagAge,
        Duration staleAfter,
        Duration archiveAfter,
        long archiveMaxViews,
        int archiveMaxFeedback) {

    /**
     * The KCS-sensible defaults:
     *
     * <ul>
     *   <li>Publish after 3 reuses: KCS treats reuse as the demand signal; an article that solved three cases is
     *       known to be right and wanted, and is the one a coach should validate (and publish) first, while a
     *       single reuse may be its author's own case.
     *   <li>Work in progress older than 14 days: KCS captures in the workflow and completes the article when the
     *       case closes; most cases close within two weeks, so a WIP article older than that has been forgotten.
     *   <li>Open flags: every one, oldest first; a flag is a reader's report that the article is wrong or
     *       incomplete (KCS "flag it or fix it"), and none should wait.
     *   <li>Stale after 180 days without a revision or a new case link: half a year is the usual review cycle
     *       of KCS content health checks; an article nobody touched or used in that time may be out of date.
     *   <li>Archive candidates after 365 days without a revision or a new case link, at most 10 views and no vote:
     *       a year covers seasonal issues; an article that also nobody reads or rates only clutters search results,
     *       while a vote, helpful or not, shows that someone still uses it.
     * </ul>
     */
    public static QueueSettings defaults() {
        return new QueueSettings(
                3, Duration.ofDays(14), Duration.ZERO, Duration.ofDays(180), Duration.ofDays(365), 10, 0);
    }

    public QueueSettings {
        Objects.requireNonNull(workInProgressAge, "workInProgressAge");
        Objects.requireNonNull(openFlagAge, "openFlagAge");
        Objects.requireNonNull(staleAfter, "staleAfter");
        Objects.requireNonNull(archiveAfter, "archiveAfter");
        if (publishAfterReuses < 1) {
            throw new InvalidInputException("publishAfterReuses", publishAfterReuses, "must be at least 1");
        }
        requireNotNegative("workInProgressAge", workInProgressAge);
        requireNotNegative("openFlagAge", openFlagAge);
        requireNotNegative("staleAfter", staleAfter);
        requireNotNegative("archiveAfter", archiveAfter);
        if (archiveMaxViews < 0) {
            throw new InvalidInputException("archiveMaxViews", archiveMaxViews, "must be 0 or more");
        }
        if (archiveMaxFeedback < 0) {
            throw new InvalidInputException("archiveMaxFeedback", archiveMaxFeedback, "must be 0 or more");
        }
    }

    private static void requireNotNegative(String field, Duration duration) {
        if (duration.isNegative()) {
            throw new InvalidInputException(field, duration, "must not be negative, for example Duration.ofDays(14)");
        }
    }

    public QueueSettings withPublishAfterReuses(int reuses) {
        return new QueueSettings(
                reuses, workInProgressAge, openFlagAge, staleAfter, archiveAfter, archiveMaxViews, archiveMaxFeedback);
    }

    public QueueSettings withWorkInProgressAge(Duration age) {
        return new QueueSettings(
                publishAfterReuses, age, openFlagAge, staleAfter, archiveAfter, archiveMaxViews, archiveMaxFeedback);
    }

    public QueueSettings withOpenFlagAge(Duration age) {
        return new QueueSettings(
                publishAfterReuses,
                workInProgressAge,
                age,
                staleAfter,
                archiveAfter,
                archiveMaxViews,
                archiveMaxFeedback);
    }

    public QueueSettings withStaleAfter(Duration after) {
        return new QueueSettings(
                publishAfterReuses,
                workInProgressAge,
                openFlagAge,
                after,
                archiveAfter,
                archiveMaxViews,
                archiveMaxFeedback);
    }

    public QueueSettings withArchiveMaxFeedback(int votes) {
        return new QueueSettings(
                publishAfterReuses, workInProgressAge, openFlagAge, staleAfter, archiveAfter, archiveMaxViews, votes);
    }

    public QueueSettings withArchiveAfter(Duration after, long maxViews) {
        return new QueueSettings(
                publishAfterReuses, workInProgressAge, openFlagAge, staleAfter, after, maxViews, archiveMaxFeedback);
    }
}

package org.kcskb;

import java.time.Duration;
import java.util.Objects;

/**
 * How long the tables that grow with public traffic keep their rows; enforced by the knowledge base in the
 * background every {@link #interval()}.
 *
 * <p>Every article view and vote is a change-feed entry, and every vote may carry a comment, so without limits a
 * flood of traffic fills the disk. Entries of the change feed are removed when they are older than
 * {@link #changeFeedAge()} <em>and</em> more than {@link #changeFeedKeep()} entries behind the newest one: the
 * feed only serves search indexes catching up, and an index further behind than the oldest kept entry rebuilds
 * from the articles (see {@link org.kcskb.store.spi.ArticleStore#oldestSequence()}). Feedback comments older than
 * {@link #feedbackCommentAge()} are emptied; the votes themselves, and so the helpful counts, stay. Search
 * analytics have retention of their own. Immutable and thread-safe.
 *
 * @param changeFeedAge change-feed entries younger than this are kept
 * @param changeFeedKeep the newest this many change-feed entries are kept whatever their age
 * @param feedbackCommentAge feedback comments younger than this are kept
 * @param interval how often retention runs; the first run is one interval after the knowledge base opens
 */
public record Retention(Duration changeFeedAge, long changeFeedKeep, Duration feedbackCommentAge, Duration interval) {
    private static final Retention DEFAULTS =
            new Retention(Duration.ofDays(30), 100_000, Duration.ofDays(365), Duration.ofHours(1));

    public Retention {
        Objects.requireNonNull(changeFeedAge, "changeFeedAge");
        Objects.requireNonNull(feedbackCommentAge, "feedbackCommentAge");
        Objects.requireNonNull(interval, "interval");
        if (changeFeedAge.isNegative() || feedbackCommentAge.isNegative() || changeFeedKeep < 1) {
            throw new IllegalArgumentException("Retention ages must be zero or positive and changeFeedKeep at least 1,"
                    + " was " + changeFeedAge + ", " + changeFeedKeep + ", " + feedbackCommentAge);
        }
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("The retention interval must be positive, was " + interval);
        }
    }

    /**
     * Returns the defaults: change-feed entries for 30 days and at least the newest 100,000, feedback comments for
     * 365 days, enforced every hour.
     */
    public static Retention defaults() {
        return DEFAULTS;
    }

    public Retention withChangeFeed(Duration age, long keep) {
        return new Retention(age, keep, feedbackCommentAge, interval);
    }

    public Retention withFeedbackComments(Duration age) {
        return new Retention(changeFeedAge, changeFeedKeep, age, interval);
    }

    public Retention withInterval(Duration interval) {
        return new Retention(changeFeedAge, changeFeedKeep, feedbackCommentAge, interval);
    }
}

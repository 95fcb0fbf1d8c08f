package org.kcskb.notice;

import java.util.Objects;

/**
 * How often a notice was shown and how often it answered the question: its deflection (the Evolve Loop's measure of
 * cases a notice saved). Immutable and thread-safe.
 *
 * @param notice the notice
 * @param impressions how often a viewer saw its banner (as the host reported with {@link
 *     org.kcskb.KnowledgeBase#recordNoticeImpression})
 * @param answered how often a viewer said it answered the question ({@link
 *     org.kcskb.KnowledgeBase#recordNoticeAnswered})
 */
public record NoticeStats(NoticeId notice, long impressions, long answered) {
    public NoticeStats {
        Objects.requireNonNull(notice, "notice");
        if (impressions < 0 || answered < 0) {
            throw new IllegalArgumentException("Notice counts are never negative: " + impressions + ", " + answered);
        }
    }

    /** Returns answered per impression, from 0 to 1 (0 without impressions). */
    public double deflection() {
        return impressions == 0 ? 0 : Math.min(1.0, (double) answered / impressions);
    }

    /** Returns these counts plus the given ones. */
    public NoticeStats plus(long moreImpressions, long moreAnswered) {
        return new NoticeStats(notice, impressions + moreImpressions, answered + moreAnswered);
    }
}

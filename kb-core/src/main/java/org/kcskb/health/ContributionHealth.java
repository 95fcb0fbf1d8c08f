package org.kcskb.health;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * What one author, or a team of them, contributed to the knowledge base and how it fares: the same figures for
 * {@link AuthorHealth} and {@link TeamHealth}. Articles count when the report's reader may read them; an article
 * belongs to the actor who captured it.
 *
 * @param articles the articles they captured, whenever
 * @param created of those, the articles captured in the window
 * @param articlesReusedByOthers of their articles, those linked to a case in the window by somebody else
 * @param reusesByOthers the case links made by somebody else to their articles, in each window: reuse by others is
 *     KCS's measure of an author's value to the organisation
 * @param averageAqi the mean {@link ArticleHealth#aqi() AQI} of their articles now; empty without articles
 * @param flags the flags raised on their articles ("received") and resolved ("fixed", by anybody) in the window,
 *     with the turnaround
 * @param cases the cases they closed in the window (the link rate and "new versus known" of {@link CaseStats})
 */
public record ContributionHealth(
        int articles,
        int created,
        int articlesReusedByOthers,
        Trend reusesByOthers,
        OptionalDouble averageAqi,
        FlagActivity flags,
        CaseStats cases) {

    public ContributionHealth {
        Objects.requireNonNull(reusesByOthers, "reusesByOthers");
        Objects.requireNonNull(averageAqi, "averageAqi");
        Objects.requireNonNull(flags, "flags");
        Objects.requireNonNull(cases, "cases");
        if (articles < 0 || created < 0 || articlesReusedByOthers < 0) {
            throw new IllegalArgumentException("Article counts cannot be negative");
        }
    }
}

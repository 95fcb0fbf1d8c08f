package org.kcskb.health;

import java.util.OptionalDouble;

/**
 * The cases closed in a report's window, from the {@link CaseClosure}s the host reported with {@link
 * org.kcskb.KnowledgeBase#caseClosed}: the KCS link rate and "new versus known".
 *
 * <p>Only links to articles the report's reader may read count: a case whose only linked articles are hidden from
 * the reader (or purged since) counts as closed without a link, exactly as if those articles did not exist.
 *
 * @param closed cases closed in the window
 * @param linked of those, the cases with at least one linked article
 * @param withNewArticle of the linked cases, those with at least one article captured while the case was open
 *     ({@link CaseClosure#captured()}): KCS "new", knowledge created for the case
 * @param withKnownArticle of the linked cases, those whose every linked article existed before the case opened:
 *     KCS "known", knowledge reused; {@code linked == withNewArticle + withKnownArticle}
 */
public record CaseStats(int closed, int linked, int withNewArticle, int withKnownArticle) {
    private static final CaseStats NONE = new CaseStats(0, 0, 0, 0);

    public CaseStats {
        if (closed < 0 || linked < 0 || withNewArticle < 0 || withKnownArticle < 0) {
            throw new IllegalArgumentException("Case counts cannot be negative");
        }
        if (linked > closed || withNewArticle + withKnownArticle != linked) {
            throw new IllegalArgumentException("Inconsistent case counts: closed " + closed + ", linked " + linked
                    + ", new " + withNewArticle + ", known " + withKnownArticle);
        }
    }

    /** Returns the statistics of no cases. */
    public static CaseStats none() {
        return NONE;
    }

    /** Returns the link rate, {@code linked / closed} (KCS: target above 0.6 to 0.8); empty without closed cases. */
    public OptionalDouble linkRate() {
        return closed == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) linked / closed);
    }

    /**
     * Returns the share of new knowledge among the linked cases, {@code withNewArticle / linked}; empty without linked
     * cases. A mature knowledge base reuses more than it creates: the share falls as the known issues are captured.
     */
    public OptionalDouble newShare() {
        return linked == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) withNewArticle / linked);
    }

    /** Returns these counts plus {@code other}'s. */
    public CaseStats plus(CaseStats other) {
        return new CaseStats(
                closed + other.closed,
                linked + other.linked,
                withNewArticle + other.withNewArticle,
                withKnownArticle + other.withKnownArticle);
    }
}

package org.kcskb.article;

/** The KCS states an article moves through. */
public enum ArticleState {
    /** Captured during a case; the resolution may still be missing. Only visible internally. */
    WORK_IN_PROGRESS,
    /** Complete, but not yet validated by a licensed contributor. Only visible internally. */
    NOT_VALIDATED,
    /** Validated: trusted for reuse and, depending on the audience, publication. */
    VALIDATED,
    /** Retired: kept for history, found only when archived articles are asked for. */
    ARCHIVED
}

package org.kcskb.article;

/** What kind of change produced a revision. */
public enum RevisionKind {
    /** The article was captured. */
    CAPTURED,
    /** Content was revised (possibly together with state or audience). */
    REVISED,
    /** Only the state changed. */
    STATE_CHANGED,
    /** Only the audience changed. */
    AUDIENCE_CHANGED,
    /** The article was merged into another one and archived. */
    MERGED
}

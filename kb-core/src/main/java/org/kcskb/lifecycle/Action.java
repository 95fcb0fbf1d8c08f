package org.kcskb.lifecycle;

/** The kinds of write an actor can attempt; each is checked by the {@link LifecyclePolicy}. */
public enum Action {
    CAPTURE,
    REVISE,
    CHANGE_STATE,
    CHANGE_AUDIENCE,
    LINK,
    UNLINK,
    FLAG,
    RESOLVE_FLAG,
    MERGE,
    /**
     * Links an article to a translation or unlinks it; checked once for each article whose translation group
     * changes, like a revision that changes nothing else.
     */
    TRANSLATE
}

package org.kcskb.article;

/** Who an article is published to; each audience includes the ones after it in visibility terms. */
public enum Audience {
    /** Support staff only. */
    INTERNAL,
    /** Support staff and partners. */
    PARTNER,
    /** Everyone, including customers on the public help site. */
    PUBLIC
}

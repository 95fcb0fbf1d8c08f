package org.kcskb.article;

/** How an article relates to a case it is linked to. */
public enum LinkType {
    /** The article resolved the case. */
    RESOLUTION,
    /** The article was useful reference material for the case. */
    REFERENCE
}

package org.kcskb.article;

/** Why an article was flagged for improvement. */
public enum FlagReason {
    INCORRECT,
    OUTDATED,
    INCOMPLETE,
    DUPLICATE,
    UNCLEAR
}

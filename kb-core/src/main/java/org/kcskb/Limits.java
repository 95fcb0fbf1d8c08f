package org.kcskb;

/**
 * Size limits on input, checked before anything is written.
 *
 * @param maxFieldLength the longest issue, resolution, cause or environment text, in characters
 * @param maxTags the most tags per article
 * @param maxTagLength the longest tag
 * @param maxAttributes the most environment attributes per article
 * @param maxAttributeLength the longest environment attribute value
 * @param maxCommentLength the longest comment on a revision, flag or feedback
 */
public record Limits(
        int maxFieldLength,
        int maxTags,
        int maxTagLength,
        int maxAttributes,
        int maxAttributeLength,
        int maxCommentLength) {
    private static final Limits DEFAULTS = new Limits(20_000, 50, 100, 32, 200, 4_000);

    public Limits {
        if (maxFieldLength < 1
                || maxTags < 0
                || maxTagLength < 1
                || maxAttributes < 0
                || maxAttributeLength < 1
                || maxCommentLength < 0) {
            throw new IllegalArgumentException("Limits must be positive: " + maxFieldLength + ", " + maxTags + ", "
                    + maxTagLength + ", " + maxAttributes + ", " + maxAttributeLength + ", " + maxCommentLength);
        }
    }

    /** Returns the defaults: 20,000 characters per field, 50 tags of 100, 32 attributes of 200, comments 4,000. */
    public static Limits defaults() {
        return DEFAULTS;
    }

    public Limits withMaxFieldLength(int maxFieldLength) {
        return new Limits(maxFieldLength, maxTags, maxTagLength, maxAttributes, maxAttributeLength, maxCommentLength);
    }
}

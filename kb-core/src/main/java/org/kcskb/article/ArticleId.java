package org.kcskb.article;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The stable identifier of a knowledge article, such as {@code KB-42}.
 *
 * <p>Identifiers are assigned by the store when an article is captured. Immutable and thread-safe.
 *
 * @param value the identifier text: 1 to 64 characters of letters, digits, {@code -}, {@code _} or {@code .}
 */
public record ArticleId(String value) implements Comparable<ArticleId> {
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    public ArticleId {
        Objects.requireNonNull(value, "value");
        if (!VALID.matcher(value).matches()) {
            throw new IllegalArgumentException("Invalid article id '" + abbreviate(value)
                    + "': use 1 to 64 letters, digits, '-', '_' or '.', for example KB-42");
        }
    }

    /** Returns the identifier for {@code value}; same as the constructor. */
    public static ArticleId of(String value) {
        return new ArticleId(value);
    }

    @Override
    public int compareTo(ArticleId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }

    /** Cuts {@code text} for a message, never between the two halves of a surrogate pair. */
    static String abbreviate(String text) {
        if (text.length() <= 80) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(76)) ? 76 : 77;
        return text.substring(0, end) + "...";
    }
}

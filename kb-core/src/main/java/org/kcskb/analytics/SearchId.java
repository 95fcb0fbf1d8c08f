package org.kcskb.analytics;

import java.util.HexFormat;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * Identifies one search, so that a later click, suggestion pick or case link can be tied to it.
 *
 * <p>Every {@link org.kcskb.search.SearchResult} returned by {@link org.kcskb.KnowledgeBase#search} carries one.
 * A web front end passes {@link #value()} along with the result links (for example as a query parameter) and
 * gives it back with {@link SearchId#of(String)} when the person clicks. Ids are random, not secret: they only
 * group analytics events. Immutable and thread-safe.
 *
 * @param value 1 to 64 letters, digits, {@code -} or {@code _}
 */
public record SearchId(String value) {
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    public SearchId {
        Objects.requireNonNull(value, "value");
        if (!VALID.matcher(value).matches()) {
            throw new IllegalArgumentException("Invalid search id '" + abbreviate(value)
                    + "': use 1 to 64 letters, digits, '-' or '_'; pass SearchResult.searchId() back unchanged");
        }
    }

    /** Returns the search id for {@code value}, for example one that came back from a browser. */
    public static SearchId of(String value) {
        return new SearchId(value);
    }

    /** Returns a new random id of 32 hex digits. */
    public static SearchId random() {
        // ThreadLocalRandom rather than UUID.randomUUID(): the id is not a secret, and every search makes one, so
        // it must not contend on the shared SecureRandom.
        ThreadLocalRandom random = ThreadLocalRandom.current();
        HexFormat hex = HexFormat.of();
        return new SearchId(hex.toHexDigits(random.nextLong()) + hex.toHexDigits(random.nextLong()));
    }

    @Override
    public String toString() {
        return value;
    }

    private static String abbreviate(String text) {
        if (text.length() <= 80) {
            return text;
        }
        // Never between the two halves of a surrogate pair.
        int end = Character.isHighSurrogate(text.charAt(76)) ? 76 : 77;
        return text.substring(0, end) + "...";
    }
}

package org.kcskb.analytics;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Identifies one search, so that a later click, suggestion pick or case link can be tied to it.
 *
 * <p>Every {@link org.kcskb.search.SearchResult} returned by {@link org.kcskb.KnowledgeBase#search} carries one.
 * A web front end passes {@link #value()} along with the result links (for example as a query parameter) and
 * gives it back with {@link SearchId#of(String)} when the person clicks. {@link #random() New ids} are 128 bits
 * from a cryptographically strong generator, so that nobody can guess the id of another person's search: the
 * knowledge base accepts a click only for a search id it issued (see {@link org.kcskb.KnowledgeBase#recordClick}).
 * Immutable and thread-safe.
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

    /**
     * Returns a new unguessable id: 128 bits from a {@link SecureRandom} (DRBG), as 32 hex digits. Every search
     * makes one, so the generators are striped by thread: one shared {@code SecureRandom} is a lock that all
     * searching threads would queue on.
     */
    public static SearchId random() {
        byte[] bytes = new byte[16];
        Generators.next(bytes);
        return new SearchId(HexFormat.of().formatHex(bytes));
    }

    /** A few independently seeded generators; a thread uses the one its id picks. */
    private static final class Generators {
        private static final SecureRandom[] STRIPES =
                create(Integer.highestOneBit(Math.max(1, Runtime.getRuntime().availableProcessors()) * 2 - 1) * 2);

        private static SecureRandom[] create(int count) {
            var stripes = new SecureRandom[count];
            for (int i = 0; i < count; i++) {
                stripes[i] = strong();
            }
            return stripes;
        }

        private static SecureRandom strong() {
            try {
                // DRBG: seeded once from the operating system, then no system call (and no global lock) per id.
                return SecureRandom.getInstance("DRBG");
            } catch (NoSuchAlgorithmException e) {
                return new SecureRandom();
            }
        }

        static void next(byte[] bytes) {
            STRIPES[(int) (Thread.currentThread().threadId() & (STRIPES.length - 1))].nextBytes(bytes);
        }
    }

    @Override
    public String toString() {
        return value;
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }
}

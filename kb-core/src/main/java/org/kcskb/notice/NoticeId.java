package org.kcskb.notice;

import java.util.Objects;
import java.util.regex.Pattern;
import org.kcskb.InvalidInputException;

/**
 * The id of a {@link Notice}, assigned when it is published ({@code N-3f9a0c12d4e5}). Immutable and thread-safe.
 *
 * @param value 1 to 64 letters, digits, {@code -}, {@code _} or {@code .}
 */
public record NoticeId(String value) {
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    public NoticeId {
        Objects.requireNonNull(value, "value");
        if (!VALID.matcher(value).matches()) {
            throw new InvalidInputException(
                    "notice id", value, "use 1 to 64 letters, digits, '-', '_' or '.', as publishNotice returns it");
        }
    }

    /** Returns the id {@code value}. */
    public static NoticeId of(String value) {
        return new NoticeId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}

package org.kcskb.article;

import java.util.IllformedLocaleException;
import java.util.Locale;
import java.util.Objects;
import org.kcskb.InvalidInputException;

/** Parses and prints BCP 47 language tags strictly. */
public final class Languages {
    /**
     * The longest language tag accepted, in characters: the length RFC 5646 asks every implementation to support,
     * ample for language, script, region and variant ({@code zh-Hant-TW}, {@code de-CH-1996}).
     */
    public static final int MAX_TAG_LENGTH = 35;

    private Languages() {}

    /**
     * Checks that {@code language} prints as a tag of at most {@link #MAX_TAG_LENGTH} characters.
     *
     * @throws InvalidInputException naming {@code field} otherwise
     */
    public static Locale requireBounded(String field, Locale language) {
        String tag = language.toLanguageTag();
        if (tag.length() > MAX_TAG_LENGTH) {
            throw new InvalidInputException(
                    field,
                    tag,
                    "a language tag has at most " + MAX_TAG_LENGTH
                            + " characters; use language and region only, such as 'de' or 'de-CH'");
        }
        return language;
    }

    /**
     * Parses a BCP 47 tag such as {@code de}, {@code de-CH} or {@code en-GB}; {@code und} or the empty string
     * give {@link Locale#ROOT} (unknown).
     *
     * @throws IllegalArgumentException if the tag is not well-formed BCP 47
     */
    public static Locale parse(String tag) {
        Objects.requireNonNull(tag, "language tag");
        String stripped = tag.strip();
        if (stripped.isEmpty() || stripped.equalsIgnoreCase("und")) {
            return Locale.ROOT;
        }
        if (stripped.length() > MAX_TAG_LENGTH) {
            throw new InvalidInputException(
                    "language tag",
                    stripped,
                    "a language tag has at most " + MAX_TAG_LENGTH + " characters; use a BCP 47 tag such as 'de',"
                            + " 'en' or 'de-CH'");
        }
        try {
            return new Locale.Builder().setLanguageTag(stripped).build();
        } catch (IllformedLocaleException e) {
            var invalid = new InvalidInputException(
                    "language tag",
                    stripped,
                    "use a BCP 47 tag such as 'de', 'en' or 'de-CH' (" + e.getMessage() + ")");
            invalid.initCause(e);
            throw invalid;
        }
    }

    /** Prints a locale as a BCP 47 tag; {@link Locale#ROOT} prints as {@code und}. */
    public static String tag(Locale locale) {
        return locale.toLanguageTag();
    }
}

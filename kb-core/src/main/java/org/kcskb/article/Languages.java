package org.kcskb.article;

import java.util.IllformedLocaleException;
import java.util.Locale;
import java.util.Objects;

/** Parses and prints BCP 47 language tags strictly. */
public final class Languages {
    private Languages() {}

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
        try {
            return new Locale.Builder().setLanguageTag(stripped).build();
        } catch (IllformedLocaleException e) {
            throw new IllegalArgumentException(
                    "Invalid language tag '" + ArticleId.abbreviate(stripped)
                            + "': use a BCP 47 tag such as 'de', 'en' or 'de-CH' (" + e.getMessage() + ")",
                    e);
        }
    }

    /** Prints a locale as a BCP 47 tag; {@link Locale#ROOT} prints as {@code und}. */
    public static String tag(Locale locale) {
        return locale.toLanguageTag();
    }
}

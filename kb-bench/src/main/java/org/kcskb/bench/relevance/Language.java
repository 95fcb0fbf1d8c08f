package org.kcskb.bench.relevance;

import java.util.Locale;

/** The corpus languages the harness can evaluate; each has a stock Lucene analyzer for the baseline. */
enum Language {
    GERMAN("de", Locale.GERMAN),
    ENGLISH("en", Locale.ENGLISH);

    private final String tag;
    private final Locale locale;

    Language(String tag, Locale locale) {
        this.tag = tag;
        this.locale = locale;
    }

    /** Returns the language for a command-line value such as {@code de}. */
    static Language fromTag(String tag) {
        for (Language language : values()) {
            if (language.tag.equals(tag)) {
                return language;
            }
        }
        throw new UsageException("Unknown language \"" + tag + "\"; valid values: de, en");
    }

    /** Returns the BCP 47 tag, {@code de} or {@code en}. */
    String tag() {
        return tag;
    }

    Locale locale() {
        return locale;
    }
}

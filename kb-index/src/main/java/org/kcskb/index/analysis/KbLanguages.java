package org.kcskb.index.analysis;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.kcskb.index.analysis.fr.FrenchLanguage;

/**
 * The registry of the languages the knowledge base analyses in their own right: the one place a language is
 * registered. Field names, analyzers, the language vote of a query, typo correction, suggestions and the
 * vocabulary's query languages all read it. Any other language, and {@link Locale#ROOT} (unknown), gets the
 * language-neutral chain and the {@code xx} fields.
 *
 * <p>The order is the order of the fields and of the vote's tie-breaking; a new language goes at the end. Adding one
 * changes the index layout, so the index schema versions of both engines must be raised with it.
 */
public final class KbLanguages {
    private static final List<LanguageAnalysis> ALL =
            List.of(new GermanLanguage(), new EnglishLanguage(), new FrenchLanguage());

    private static final Map<String, LanguageAnalysis> BY_KEY = byKey(ALL);

    private KbLanguages() {}

    /** Returns every registered language, in registration order. */
    public static List<LanguageAnalysis> all() {
        return ALL;
    }

    /** Returns the keys of the registered languages ({@code de}, {@code en}, {@code fr}), in registration order. */
    public static List<String> keys() {
        return ALL.stream().map(LanguageAnalysis::key).toList();
    }

    /** Returns the definition of a locale's language ({@code de-CH} is German), or empty for any other. */
    public static Optional<LanguageAnalysis> of(Locale locale) {
        Objects.requireNonNull(locale, "locale");
        return key(locale.getLanguage());
    }

    /** Returns the definition of a language key ({@code de}), or empty when no language has it. */
    public static Optional<LanguageAnalysis> key(String key) {
        Objects.requireNonNull(key, "key");
        return Optional.ofNullable(BY_KEY.get(key));
    }

    private static Map<String, LanguageAnalysis> byKey(List<LanguageAnalysis> languages) {
        var byKey = new HashMap<String, LanguageAnalysis>();
        for (LanguageAnalysis language : languages) {
            if (language.key().isEmpty() || byKey.put(language.key(), language) != null) {
                throw new IllegalStateException("Language key '" + language.key() + "' of " + language
                        + " is empty or registered twice; give each definition its own ISO 639 language");
            }
        }
        return Map.copyOf(byKey);
    }
}

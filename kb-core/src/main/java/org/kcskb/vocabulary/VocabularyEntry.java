package org.kcskb.vocabulary;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.kcskb.InvalidInputException;
import org.kcskb.actor.Actor;

/**
 * One rule of a knowledge base's {@link Vocabulary}, with where it came from. Immutable and thread-safe.
 *
 * @param id the entry's stable id: assigned by the store for managed entries ({@code V-12}), chosen by the host
 *     for the base vocabulary ({@code starter-de-3}); 1 to 64 letters, digits, {@code -}, {@code _} or {@code .}
 * @param language the language whose queries the rule applies to (only the language, {@code de} or {@code en}, is
 *     compared), or {@link Locale#ROOT} for queries in every language (product names, error codes)
 * @param rule what the entry says
 * @param author who added it; empty for the base vocabulary a host configured in code
 * @param created when it was added ({@link Instant#EPOCH} for the base vocabulary)
 */
public record VocabularyEntry(
        String id, Locale language, VocabularyRule rule, Optional<Actor> author, Instant created) {
    private static final Pattern VALID_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    public VocabularyEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(created, "created");
        if (!VALID_ID.matcher(id).matches()) {
            throw new InvalidInputException(
                    "vocabulary entry id", id, "use 1 to 64 letters, digits, '-', '_' or '.', for example V-12");
        }
        language = language.getLanguage().isEmpty() ? Locale.ROOT : Locale.of(language.getLanguage());
        if (rule instanceof VocabularyRule.Translation translation
                && translation.into().equals(language)) {
            throw new InvalidInputException(
                    "into",
                    translation.into(),
                    "a translation goes into another language than the entry's; for words of one language add"
                            + " Synonyms or an Expansion");
        }
    }

    /** Returns an entry of the base vocabulary (no author, created at the epoch). */
    public static VocabularyEntry base(String id, Locale language, VocabularyRule rule) {
        return new VocabularyEntry(id, language, rule, Optional.empty(), Instant.EPOCH);
    }

    /** Returns whether the rule applies to queries in {@code queryLanguage} (always for {@link Locale#ROOT} rules). */
    public boolean appliesTo(Locale queryLanguage) {
        return language.equals(Locale.ROOT) || language.getLanguage().equals(queryLanguage.getLanguage());
    }
}

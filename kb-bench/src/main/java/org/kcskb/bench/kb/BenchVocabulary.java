package org.kcskb.bench.kb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.kcskb.vocabulary.Vocabulary;

/**
 * The base vocabulary a benchmark or relevance run measures, chosen with {@code -Dkb.bench.vocabulary} (for JMH:
 * {@code -jvmArgsAppend}):
 *
 * <ul>
 *   <li>{@code starter} (the default): the library's default, {@link Vocabulary#starter()};
 *   <li>{@code none}: no vocabulary, as before the vocabulary existed;
 *   <li>{@code no-translations}: the starter sets without the starter translations between German and English;
 *   <li>a directory: a host's own files {@code de.txt} and {@code en.txt} (vocabulary files) and {@code de-en.txt}
 *       (translations), each optional.
 * </ul>
 */
public final class BenchVocabulary {
    /** The system property that chooses the vocabulary. */
    public static final String PROPERTY = "kb.bench.vocabulary";

    private BenchVocabulary() {}

    /** Returns the vocabulary the system property names (the starter sets when it is not set). */
    public static Vocabulary chosen() {
        String choice = System.getProperty(PROPERTY, "starter");
        return switch (choice) {
            case "starter" -> Vocabulary.starter();
            case "none" -> Vocabulary.empty();
            case "no-translations" -> Vocabulary.starter().without(Vocabulary.starterTranslations());
            default -> fromDirectory(Path.of(choice));
        };
    }

    private static Vocabulary fromDirectory(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new IllegalArgumentException("-D" + PROPERTY + "=" + directory + " is neither starter, none,"
                    + " no-translations nor a directory; give a directory with de.txt, en.txt or de-en.txt");
        }
        var own = Vocabulary.empty();
        try {
            for (Locale language : List.of(Locale.GERMAN, Locale.ENGLISH)) {
                Path file = directory.resolve(language.getLanguage() + ".txt");
                if (Files.exists(file)) {
                    own = own.plus(
                            Vocabulary.parse("bench-" + language.getLanguage(), language, Files.readString(file)));
                }
            }
            Path translations = directory.resolve("de-en.txt");
            if (Files.exists(translations)) {
                own = own.plus(Vocabulary.parseTranslations(
                        "bench", Locale.GERMAN, Locale.ENGLISH, Files.readString(translations)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the vocabulary in " + directory, e);
        }
        return own;
    }
}

package org.kcskb.opensearch;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import org.kcskb.KbException;
import org.kcskb.index.analysis.GermanNormalForm;

/**
 * The seed list of German support words that split compounds ({@code kb-language}'s {@code compound-seed-de.txt},
 * which the embedded engine starts from too), in the form the index's decompounder meets them: the library's German
 * normal form (lower case, umlauts spelled out), and without umlauts, as typed on a keyboard without them.
 */
final class SeedVocabulary {
    /** In kb-language's open package: read through the class loader, which finds it there on the module path too. */
    private static final String RESOURCE = "org/kcskb/language/seed/compound-seed-de.txt";

    private static final List<String> GERMAN = load();

    private SeedVocabulary() {}

    static List<String> german() {
        return GERMAN;
    }

    private static List<String> load() {
        try (InputStream in = SeedVocabulary.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new KbException("The compound seed list " + RESOURCE
                        + " is missing from the class path; add kb-language, of the same version as kb-opensearch");
            }
            var words = new TreeSet<String>();
            var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String word = line.strip();
                if (word.isEmpty() || word.startsWith("#")) {
                    continue;
                }
                int tab = word.indexOf('\t');
                word = (tab < 0 ? word : word.substring(0, tab)).strip().toLowerCase(Locale.GERMAN);
                if (word.length() >= 4) {
                    words.add(GermanNormalForm.word(word));
                    words.add(GermanNormalForm.word(withoutUmlauts(word)));
                }
            }
            return List.copyOf(words);
        } catch (IOException e) {
            throw new KbException("Cannot read the compound seed list " + RESOURCE + ": " + e.getMessage(), e);
        }
    }

    private static String withoutUmlauts(String word) {
        return word.replace("ä", "a").replace("ö", "o").replace("ü", "u");
    }
}

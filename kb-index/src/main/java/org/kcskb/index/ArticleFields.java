package org.kcskb.index;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.kcskb.article.ArticleState;
import org.kcskb.article.Audience;
import org.kcskb.index.analysis.KbLanguages;
import org.kcskb.index.analysis.LanguageAnalysis;

/**
 * The index schema: field names and the mapping of article languages to per-language text fields.
 *
 * <p>Text is indexed into fields suffixed with the article's language key ({@code title.de}, {@code title.en},
 * {@code title.xx} for any language {@link KbLanguages} does not register) so that each language is analysed with its own chain at index and at
 * query time. Keyword fields serve filters, doc values serve ranking priors, sorting and facets.
 */
final class ArticleFields {
    // Keywords (indexed, not tokenised).
    static final String ID = "id";
    static final String STATE = "state";
    static final String AUDIENCE = "audience";
    /** State and audience in one keyword ({@link #visibility}), which is what a viewer's grants name. */
    static final String VISIBILITY = "visibility";

    static final String AUTHOR = "author";
    static final String LANGUAGE = "lang";
    static final String TAG = "tag";
    /** {@code key=value} of every environment attribute, lower-cased, for exact filters. */
    static final String ENV_ATTRIBUTE = "env.attr";

    static final String MODIFIED = "modified";
    /**
     * The article's {@linkplain org.kcskb.article.Article#translationGroup() translation group} (keyword and sorted
     * doc value); absent when it has no translations.
     */
    static final String TRANSLATION_GROUP = "translation.group";

    // Text, suffixed with the language key.
    static final String TITLE = "title";
    static final String ISSUE = "issue";
    static final String RESOLUTION = "resolution";
    static final String CAUSE = "cause";
    static final String ENVIRONMENT = "env";
    /** The article's words in their written form (not stemmed or split), for the query's exact-form boost. */
    static final String EXACT = "exact";
    /**
     * All analysed text fields in one, each term with its field-weighted frequency ({@link ArticleDocuments}): BM25
     * over it is BM25F over the KCS fields, scored by one term query per query term.
     */
    static final String ALL = "all";

    // Facets (sorted-set doc values).
    static final String FACET_PREFIX = "facet.";
    static final List<String> FACETS = List.of("product", "version", "category", "state", "language");

    // Stored values for the hit list.
    static final String STORED_TITLE = "stored.title";
    static final String REVISION = "revision";
    static final String STORED_MODIFIED = MODIFIED + ".stored";

    /** The keys of German and English, for code that names one language's fields (tests); the rest asks the registry. */
    static final String GERMAN = "de";

    static final String ENGLISH = "en";
    /** The key of every language that {@link KbLanguages} does not register, and of unknown ones. */
    static final String OTHER = "xx";
    /** The key of each registered language ({@code de}, {@code en}, {@code fr}), then {@link #OTHER}. */
    static final List<String> LANGUAGE_KEYS = languageKeys();

    private ArticleFields() {}

    /**
     * Returns the language key of a locale: its language's when {@link KbLanguages} registers it ({@code de},
     * {@code en}, {@code fr}), else {@code xx}.
     */
    static String languageKey(Locale locale) {
        return KbLanguages.of(locale).map(LanguageAnalysis::key).orElse(OTHER);
    }

    /** Returns the registered language of a language key, or empty for {@link #OTHER}. */
    static Optional<LanguageAnalysis> language(String languageKey) {
        return KbLanguages.key(languageKey);
    }

    /** Whether articles of a language key teach the compound vocabulary (German does). */
    static boolean learnsCompounds(String languageKey) {
        return language(languageKey).map(LanguageAnalysis::learnsCompounds).orElse(false);
    }

    private static List<String> languageKeys() {
        var keys = new ArrayList<>(KbLanguages.keys());
        keys.add(OTHER);
        return List.copyOf(keys);
    }

    /** The {@link #VISIBILITY} keyword of an article in this state and audience. */
    static String visibility(ArticleState state, Audience audience) {
        return state.name() + "/" + audience.name();
    }

    static String field(String base, String languageKey) {
        return base + "." + languageKey;
    }
}

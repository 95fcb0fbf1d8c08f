package org.kcskb.bench.corpus;

import java.util.Locale;
import java.util.Objects;

/**
 * One article of a benchmark corpus, as every engine indexes it.
 *
 * @param title the title
 * @param issue the issue in the customer's words (for a data set: its text)
 * @param resolution the resolution, possibly empty
 * @param language the article's language, {@link Locale#GERMAN} or {@link Locale#ENGLISH}
 * @param product the product, possibly empty (the filtered workload filters on it)
 * @param version the product version, possibly empty
 * @param audience who the article is published to (the filtered workload filters on it)
 */
public record CorpusArticle(
        String title,
        String issue,
        String resolution,
        Locale language,
        String product,
        String version,
        Audience audience) {
    public CorpusArticle {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(issue, "issue");
        Objects.requireNonNull(resolution, "resolution");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(product, "product");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(audience, "audience");
    }

    /** Who an article is published to; the names match the library's audiences. */
    public enum Audience {
        PUBLIC,
        PARTNER,
        INTERNAL;

        /** Returns the lower-case name, as indexed by the raw engines ({@code public}, ...). */
        public String term() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Returns whether the article is German (otherwise it is English). */
    public boolean german() {
        return language.getLanguage().equals(Locale.GERMAN.getLanguage());
    }

    /** Returns title, issue and resolution as one text, for engines with one text field. */
    public String body() {
        return title + "\n" + issue + (resolution.isEmpty() ? "" : "\n" + resolution);
    }
}

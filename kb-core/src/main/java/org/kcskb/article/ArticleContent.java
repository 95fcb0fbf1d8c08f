package org.kcskb.article;

import java.util.Collection;
import java.util.Collections;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The KCS structure of an article: title, issue, environment, resolution, cause, language, tags and the format
 * its text is written in.
 *
 * <p>Absent text is the empty string, never null. The issue, resolution, cause and environment text may be written
 * in Markdown ({@link #withFormat(TextFormat)}); the default is plain text, and the title is always plain. The language is a BCP 47 locale; {@link Locale#ROOT} means
 * "not known yet", in which case the knowledge base detects it when a language detector is installed. Size
 * limits and the content standard are checked by the knowledge base, not here. Immutable and thread-safe.
 *
 * @param title a short summary in the customer's words
 * @param issue the customer's issue, in their words
 * @param environment product, version and other context
 * @param resolution how to resolve the issue; empty while the article is work in progress
 * @param cause why the issue happens; optional in KCS
 * @param language the article's language, or {@link Locale#ROOT} when unknown
 * @param tags categories and keywords, sorted and without duplicates
 * @param format how the issue, resolution, cause and environment text are written: {@link TextFormat#PLAIN} (the
 *     default) or {@link TextFormat#MARKDOWN}
 */
public record ArticleContent(
        String title,
        String issue,
        Environment environment,
        String resolution,
        String cause,
        Locale language,
        Set<String> tags,
        TextFormat format) {

    public ArticleContent {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(issue, "issue");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(resolution, "resolution");
        Objects.requireNonNull(cause, "cause");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(tags, "tags");
        title = title.strip();
        issue = issue.strip();
        resolution = resolution.strip();
        cause = cause.strip();
        var sorted = new TreeSet<String>();
        for (String tag : tags) {
            Objects.requireNonNull(tag, "tag");
            String stripped = tag.strip();
            if (!stripped.isEmpty()) {
                sorted.add(stripped);
            }
        }
        tags = Collections.unmodifiableSortedSet(sorted);
    }

    /** Creates content in plain text ({@link TextFormat#PLAIN}); see the record's components. */
    public ArticleContent(
            String title,
            String issue,
            Environment environment,
            String resolution,
            String cause,
            Locale language,
            Set<String> tags) {
        this(title, issue, environment, resolution, cause, language, tags, TextFormat.PLAIN);
    }

    /** Starts a content value with a title and the customer's issue; everything else empty. */
    public static ArticleContent of(String title, String issue) {
        return new ArticleContent(title, issue, Environment.empty(), "", "", Locale.ROOT, Set.of());
    }

    public ArticleContent withTitle(String title) {
        return new ArticleContent(title, issue, environment, resolution, cause, language, tags, format);
    }

    public ArticleContent withIssue(String issue) {
        return new ArticleContent(title, issue, environment, resolution, cause, language, tags, format);
    }

    public ArticleContent withEnvironment(Environment environment) {
        return new ArticleContent(title, issue, environment, resolution, cause, language, tags, format);
    }

    public ArticleContent withResolution(String resolution) {
        return new ArticleContent(title, issue, environment, resolution, cause, language, tags, format);
    }

    public ArticleContent withCause(String cause) {
        return new ArticleContent(title, issue, environment, resolution, cause, language, tags, format);
    }

    /** Returns a copy in the given language; see {@link org.kcskb.article.Languages#parse(String)} for tags. */
    public ArticleContent withLanguage(Locale language) {
        return new ArticleContent(title, issue, environment, resolution, cause, language, tags, format);
    }

    /** Returns a copy in the language named by a BCP 47 tag such as {@code de} or {@code en-GB}. */
    public ArticleContent withLanguage(String languageTag) {
        return withLanguage(Languages.parse(languageTag));
    }

    public ArticleContent withTags(Collection<String> tags) {
        return new ArticleContent(title, issue, environment, resolution, cause, language, Set.copyOf(tags), format);
    }

    /**
     * Returns a copy whose issue, resolution, cause and environment text are read as {@code format}: the text is
     * unchanged, only how it is indexed and shown.
     */
    public ArticleContent withFormat(TextFormat format) {
        return new ArticleContent(title, issue, environment, resolution, cause, language, tags, format);
    }

    /** Returns whether a resolution has been written. */
    public boolean hasResolution() {
        return !resolution.isEmpty();
    }
}

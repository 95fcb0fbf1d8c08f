package org.kcskb;

import java.util.Locale;
import java.util.Objects;
import org.kcskb.article.ArticleId;
import org.kcskb.article.Languages;

/**
 * A translation link would put two articles of one language into one translation group. Nothing was written.
 *
 * <p>A group holds at most one article per language, so that "the translation in German" names one article. The
 * message names the article that already is the translation in that language and how to go on: unlink it first,
 * or merge the two if they are duplicates.
 */
public final class TranslationConflictException extends InvalidInputException {
    private final ArticleId article;
    private final Locale language;
    private final ArticleId existing;

    /**
     * @param article the article that was to join the group
     * @param language the language both articles are in
     * @param existing the article that already is the group's translation in {@code language}
     */
    public TranslationConflictException(ArticleId article, Locale language, ArticleId existing) {
        super(
                "translation",
                Objects.requireNonNull(article, "article").value(),
                Objects.requireNonNull(existing, "existing") + " already is the " + Languages.tag(language)
                        + " translation in that translation group, and a group holds one article per language;"
                        + " unlink " + existing + " first (unlinkTranslation), or merge " + article + " and "
                        + existing + " if they are duplicates");
        this.article = article;
        this.language = language;
        this.existing = existing;
    }

    /** Returns the article that was to join the group. */
    public ArticleId article() {
        return article;
    }

    /** Returns the language both articles are in. */
    public Locale language() {
        return language;
    }

    /** Returns the article that already is the group's translation in {@link #language()}. */
    public ArticleId existing() {
        return existing;
    }
}

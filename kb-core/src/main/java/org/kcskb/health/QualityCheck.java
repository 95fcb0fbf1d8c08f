package org.kcskb.health;

import java.util.Objects;
import java.util.function.Predicate;
import org.kcskb.article.Article;

/**
 * One criterion of the {@link QualityIndex article quality index}: a named test an article's current revision passes
 * or fails. Checks must be pure functions without I/O and thread-safe: a report runs them on every article.
 *
 * @param name a stable name, shown in {@link ArticleHealth#failedChecks()}, such as {@code kcs.environment.present}
 * @param description what it asks for, in words, for a coach's checklist
 * @param passes whether an article meets it
 */
public record QualityCheck(String name, String description, Predicate<Article> passes) {
    public QualityCheck {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(passes, "passes");
        if (name.isBlank() || name.length() > 128) {
            throw new IllegalArgumentException(
                    "A quality check needs a name of 1 to 128 characters, was '" + name + "'");
        }
    }

    /** The check that an article records its environment: environment text or at least one attribute. */
    public static final String ENVIRONMENT_PRESENT = "kcs.environment.present";

    /** Returns the check {@value #ENVIRONMENT_PRESENT}. */
    public static QualityCheck environmentPresent() {
        return new QualityCheck(
                ENVIRONMENT_PRESENT,
                "the environment (product, version, configuration) is recorded",
                article -> !article.environment().isEmpty());
    }
}

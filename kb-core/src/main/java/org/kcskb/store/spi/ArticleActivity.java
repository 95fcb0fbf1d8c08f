package org.kcskb.store.spi;

import java.util.List;
import java.util.Objects;
import org.kcskb.article.Article;
import org.kcskb.article.CaseLink;
import org.kcskb.article.Feedback;
import org.kcskb.article.Flag;

/**
 * One article with everything that happened to it, as {@link ArticleStore#scanActivity} hands it to a report: the
 * current article (its {@link Article#translations()} left empty), its current case links, every flag and every
 * feedback entry, each list in the order the single-article reads return it. Immutable.
 *
 * @param article the current article
 * @param links its current links, as {@link ArticleStore#links}
 * @param flags its flags, open and resolved, as {@link ArticleStore#flags}
 * @param feedback its feedback, as {@link ArticleStore#feedback}
 */
public record ArticleActivity(Article article, List<CaseLink> links, List<Flag> flags, List<Feedback> feedback) {
    public ArticleActivity {
        Objects.requireNonNull(article, "article");
        links = List.copyOf(links);
        flags = List.copyOf(flags);
        feedback = List.copyOf(feedback);
    }
}

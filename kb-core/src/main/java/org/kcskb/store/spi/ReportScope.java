package org.kcskb.store.spi;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.kcskb.actor.Viewer;
import org.kcskb.analytics.SearchEvent;
import org.kcskb.article.Article;
import org.kcskb.article.ArticleState;
import org.kcskb.article.Audience;
import org.kcskb.lifecycle.Visibility;
import org.kcskb.lifecycle.VisibilityPolicy;

/**
 * Which recorded events a search-analytics report may depend on: the administrator's view (every event), or what
 * one viewer may see (see {@link org.kcskb.KnowledgeBase#analytics(Viewer)}).
 *
 * <p>An {@link AnalyticsStore} computes a scoped report exactly as the unscoped one, over only the events the
 * scope {@linkplain #counts(SearchEvent.ViewerKind, boolean, Optional) counts}: an event counts when its searcher's
 * {@linkplain SearchEvent#viewerKind() kind} is one of {@link #searchers()} and, for an event that names an
 * article (a click, a suggestion pick or a case link), when {@link #articles()} is empty or the store holds that
 * article and the visibility {@linkplain Visibility#permits(Article) permits} its current state, audience and
 * author. An event on an article id the store does not hold never counts in a scoped report. The store evaluates
 * the articles when the report runs (the JDBC stores join their article tables), so the limit applies after the
 * filtering. Immutable and thread-safe.
 *
 * @param searchers the kinds of searcher whose events count
 * @param articles the visibility an event's article must pass, or empty when every event counts whatever its
 *     article, also on ids the store does not hold (the administrator's view)
 */
public record ReportScope(Set<SearchEvent.ViewerKind> searchers, Optional<Visibility> articles) {
    private static final ReportScope EVERYTHING =
            new ReportScope(EnumSet.allOf(SearchEvent.ViewerKind.class), Optional.empty());

    public ReportScope {
        Objects.requireNonNull(searchers, "searchers");
        Objects.requireNonNull(articles, "articles");
        searchers = searchers.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(searchers));
    }

    /** Returns the administrator's view: every event counts. */
    public static ReportScope everything() {
        return EVERYTHING;
    }

    /**
     * Returns what {@code viewer} may see under {@code policy}: the events of searchers whose
     * {@linkplain Viewer#audience() audience} the viewer's own audience includes ({@code PUBLIC} within
     * {@code PARTNER} within {@code INTERNAL}: the public counts only the public's events, a partner the public's
     * and partners', an agent everybody's), on articles the viewer may read: an article that is
     * {@link ArticleState#ARCHIVED} under {@code policy.visibleTo(viewer, true)}, any other under
     * {@code policy.visibleTo(viewer, false)}, exactly as {@link org.kcskb.KnowledgeBase#article(
     * org.kcskb.article.ArticleId, Viewer)} decides.
     */
    public static ReportScope of(Viewer viewer, VisibilityPolicy policy) {
        Objects.requireNonNull(viewer, "viewer");
        Objects.requireNonNull(policy, "policy");
        Set<SearchEvent.ViewerKind> searchers = EnumSet.noneOf(SearchEvent.ViewerKind.class);
        for (SearchEvent.ViewerKind kind : SearchEvent.ViewerKind.values()) {
            if (includes(viewer.audience(), kind.audience())) {
                searchers.add(kind);
            }
        }
        var grants = new HashSet<Visibility.Grant>();
        for (Visibility.Grant grant : policy.visibleTo(viewer, false).grants()) {
            if (grant.state() != ArticleState.ARCHIVED) {
                grants.add(grant);
            }
        }
        for (Visibility.Grant grant : policy.visibleTo(viewer, true).grants()) {
            if (grant.state() == ArticleState.ARCHIVED) {
                grants.add(grant);
            }
        }
        return new ReportScope(searchers, Optional.of(new Visibility(viewer, grants)));
    }

    /** Returns whether this is the administrator's view, in which every event counts. */
    public boolean isEverything() {
        return articles.isEmpty() && searchers.size() == SearchEvent.ViewerKind.values().length;
    }

    /**
     * Returns whether an event of a searcher of {@code kind} counts, given the article it names: empty for a
     * search or for an article id the store does not hold.
     *
     * @param article the article the event names as the store holds it now; empty when the event names no
     *     article ({@code named} false) or the store does not hold it
     * @param named whether the event names an article at all
     */
    public boolean counts(SearchEvent.ViewerKind kind, boolean named, Optional<Article> article) {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(article, "article");
        if (!searchers.contains(kind)) {
            return false;
        }
        if (!named || articles.isEmpty()) {
            return true;
        }
        return article.isPresent() && articles.get().permits(article.get());
    }

    /** Whether a viewer of audience {@code viewer} sees what searchers of audience {@code searcher} typed. */
    private static boolean includes(Audience viewer, Audience searcher) {
        return rank(searcher) <= rank(viewer);
    }

    private static int rank(Audience audience) {
        return switch (audience) {
            case PUBLIC -> 0;
            case PARTNER -> 1;
            case INTERNAL -> 2;
        };
    }
}

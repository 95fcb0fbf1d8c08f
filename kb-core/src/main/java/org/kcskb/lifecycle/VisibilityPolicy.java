package org.kcskb.lifecycle;

import java.util.HashSet;
import java.util.Set;
import org.kcskb.actor.Viewer;
import org.kcskb.article.ArticleState;
import org.kcskb.article.Audience;

/**
 * Decides which articles a viewer may see. A pure function without I/O; implementations must be thread-safe.
 *
 * <p>The {@linkplain #kcsDefault() default} follows KCS: the public sees {@code VALIDATED} articles published to
 * {@code PUBLIC}; partners also see {@code VALIDATED} {@code PARTNER} articles; licensed agents see every
 * audience in {@code WORK_IN_PROGRESS}, {@code NOT_VALIDATED} and {@code VALIDATED} (search early: in-progress
 * work must be findable to avoid duplicates); {@code ARCHIVED} articles only to agents who ask for them.
 */
@FunctionalInterface
public interface VisibilityPolicy {

    /** Returns what {@code viewer} may see; archived articles only when {@code includeArchived}. */
    Visibility visibleTo(Viewer viewer, boolean includeArchived);

    /** Returns the KCS default described above. */
    static VisibilityPolicy kcsDefault() {
        return (viewer, includeArchived) -> {
            var grants = new HashSet<Visibility.Grant>();
            switch (viewer) {
                case Viewer.Public p ->
                    grants.add(new Visibility.Grant(ArticleState.VALIDATED, Audience.PUBLIC, false));
                case Viewer.Partner p -> {
                    grants.add(new Visibility.Grant(ArticleState.VALIDATED, Audience.PUBLIC, false));
                    grants.add(new Visibility.Grant(ArticleState.VALIDATED, Audience.PARTNER, false));
                }
                case Viewer.Agent a -> {
                    Set<ArticleState> states = includeArchived
                            ? Set.of(ArticleState.values())
                            : Set.of(ArticleState.WORK_IN_PROGRESS, ArticleState.NOT_VALIDATED, ArticleState.VALIDATED);
                    for (ArticleState state : states) {
                        for (Audience audience : Audience.values()) {
                            grants.add(new Visibility.Grant(state, audience, false));
                        }
                    }
                }
            }
            return new Visibility(viewer, grants);
        };
    }
}

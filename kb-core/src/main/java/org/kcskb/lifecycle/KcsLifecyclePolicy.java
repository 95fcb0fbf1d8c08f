package org.kcskb.lifecycle;

import static org.kcskb.article.ArticleState.ARCHIVED;
import static org.kcskb.article.ArticleState.NOT_VALIDATED;
import static org.kcskb.article.ArticleState.VALIDATED;
import static org.kcskb.article.ArticleState.WORK_IN_PROGRESS;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.kcskb.actor.Licence;
import org.kcskb.article.Article;
import org.kcskb.article.ArticleState;
import org.kcskb.article.Audience;

/**
 * The default KCS lifecycle rules. Stateless and thread-safe.
 *
 * <table>
 *   <caption>Who may do what</caption>
 *   <tr><th>Rule id</th><th>Rule</th></tr>
 *   <tr><td>{@value #STATE_TRANSITION}</td><td>States move WIP → NOT_VALIDATED/VALIDATED/ARCHIVED,
 *       NOT_VALIDATED → WIP/VALIDATED/ARCHIVED, VALIDATED → NOT_VALIDATED/ARCHIVED, ARCHIVED → NOT_VALIDATED;
 *       a capture starts in WIP, NOT_VALIDATED or VALIDATED.</td></tr>
 *   <tr><td>{@value #VALIDATE_REQUIRES_CONTRIBUTOR}</td><td>Only a Contributor or above makes an article
 *       VALIDATED.</td></tr>
 *   <tr><td>{@value #PUBLISH_REQUIRES_PUBLISHER}</td><td>Only a Publisher or above puts an article into the
 *       PARTNER or PUBLIC audience.</td></tr>
 *   <tr><td>{@value #EXTERNAL_EDIT_REQUIRES_PUBLISHER}</td><td>Only a Publisher or above changes an article
 *       published to PARTNER or PUBLIC; others flag it.</td></tr>
 *   <tr><td>{@value #VALIDATED_EDIT_REQUIRES_CONTRIBUTOR}</td><td>A Candidate does not change a VALIDATED
 *       article; they flag it.</td></tr>
 *   <tr><td>{@value #CANDIDATE_OWN_ARTICLES}</td><td>A Candidate changes only articles they captured.</td></tr>
 *   <tr><td>{@value #ARCHIVE_REQUIRES_CONTRIBUTOR}</td><td>Only a Contributor or above archives or merges.</td></tr>
 *   <tr><td>{@value #RESTORE_REQUIRES_PUBLISHER}</td><td>Only a Publisher or above restores an archived
 *       article.</td></tr>
 *   <tr><td>{@value #ARCHIVED_READ_ONLY}</td><td>Archived articles are not revised, linked or flagged; restore
 *       them first (or link the article they were merged into).</td></tr>
 *   <tr><td>{@value #EXTERNAL_EDIT_REQUIRES_PUBLISHER}, {@value #CANDIDATE_OWN_ARTICLES} ...</td><td>Linking or
 *       unlinking translations ({@link Action#TRANSLATE}) is a change of each article involved: whoever may revise
 *       it, and archived articles not at all.</td></tr>
 *   <tr><td>{@value #RESOLVE_FLAG_REQUIRES_CONTRIBUTOR}</td><td>Only a Contributor or above resolves flags,
 *       except a Candidate on an article they captured that is not validated.</td></tr>
 * </table>
 *
 * <p>An {@link Licence#ADMINISTRATOR} passes every licence rule but still follows the state machine.
 */
public final class KcsLifecyclePolicy implements LifecyclePolicy {
    public static final String STATE_TRANSITION = "kcs.state.transition";
    public static final String VALIDATE_REQUIRES_CONTRIBUTOR = "kcs.validate.requires-contributor";
    public static final String PUBLISH_REQUIRES_PUBLISHER = "kcs.publish.requires-publisher";
    public static final String EXTERNAL_EDIT_REQUIRES_PUBLISHER = "kcs.external-edit.requires-publisher";
    public static final String VALIDATED_EDIT_REQUIRES_CONTRIBUTOR = "kcs.validated-edit.requires-contributor";
    public static final String CANDIDATE_OWN_ARTICLES = "kcs.candidate.own-articles-only";
    public static final String ARCHIVE_REQUIRES_CONTRIBUTOR = "kcs.archive.requires-contributor";
    public static final String RESTORE_REQUIRES_PUBLISHER = "kcs.restore.requires-publisher";
    public static final String ARCHIVED_READ_ONLY = "kcs.archived.read-only";
    public static final String RESOLVE_FLAG_REQUIRES_CONTRIBUTOR = "kcs.resolve-flag.requires-contributor";

    static final KcsLifecyclePolicy INSTANCE = new KcsLifecyclePolicy();

    private static final Set<ArticleState> INITIAL = EnumSet.of(WORK_IN_PROGRESS, NOT_VALIDATED, VALIDATED);
    private static final Map<ArticleState, Set<ArticleState>> TRANSITIONS = new EnumMap<>(ArticleState.class);

    static {
        TRANSITIONS.put(WORK_IN_PROGRESS, EnumSet.of(NOT_VALIDATED, VALIDATED, ARCHIVED));
        TRANSITIONS.put(NOT_VALIDATED, EnumSet.of(WORK_IN_PROGRESS, VALIDATED, ARCHIVED));
        TRANSITIONS.put(VALIDATED, EnumSet.of(NOT_VALIDATED, ARCHIVED));
        TRANSITIONS.put(ARCHIVED, EnumSet.of(NOT_VALIDATED));
    }

    private KcsLifecyclePolicy() {}

    /** Returns the shared instance. */
    public static KcsLifecyclePolicy instance() {
        return INSTANCE;
    }

    /** Returns the states an article in {@code from} may move to. */
    public static Set<ArticleState> allowedTransitions(ArticleState from) {
        return Set.copyOf(TRANSITIONS.get(from));
    }

    @Override
    public Optional<Refusal> check(Proposal p) {
        Licence licence = p.actor().licence();
        boolean admin = licence == Licence.ADMINISTRATOR;
        Optional<Article> before = p.before();

        if (before.isEmpty()) {
            if (!INITIAL.contains(p.state())) {
                return refuse(
                        STATE_TRANSITION, "A captured article starts in one of " + INITIAL + ", not " + p.state());
            }
        } else if (p.changesState() && !TRANSITIONS.get(before.get().state()).contains(p.state())) {
            return refuse(
                    STATE_TRANSITION,
                    "An article in " + before.get().state() + " cannot move to " + p.state() + "; allowed: "
                            + TRANSITIONS.get(before.get().state()));
        }
        boolean touchesArchived = p.action() == Action.LINK
                || p.action() == Action.FLAG
                || p.action() == Action.MERGE
                || p.action() == Action.TRANSLATE;
        if (touchesArchived && before.isPresent() && before.get().state() == ARCHIVED) {
            return refuse(
                    ARCHIVED_READ_ONLY,
                    "Article " + before.get().id() + " is archived"
                            + before.get()
                                    .mergedInto()
                                    .map(s -> " and was merged into " + s + "; use that one")
                                    .orElse("; restore it first"));
        }
        if (admin) {
            return Optional.empty();
        }

        switch (p.action()) {
            case LINK, FLAG, UNLINK -> {
                return Optional.empty();
            }
            case RESOLVE_FLAG -> {
                Article article = before.orElseThrow();
                boolean candidateOwnDraft = article.author().equals(p.actor().id()) && article.state() != VALIDATED;
                if (!licence.atLeast(Licence.CONTRIBUTOR) && !candidateOwnDraft) {
                    return refuse(
                            RESOLVE_FLAG_REQUIRES_CONTRIBUTOR,
                            "A " + licence + " cannot resolve flags on " + article.id()
                                    + "; a Contributor or above must fix it");
                }
                return Optional.empty();
            }
            case MERGE -> {
                Article article = before.orElseThrow();
                if (!licence.atLeast(Licence.CONTRIBUTOR)) {
                    return refuse(
                            ARCHIVE_REQUIRES_CONTRIBUTOR,
                            "A " + licence + " cannot merge articles; flag " + article.id() + " as DUPLICATE instead");
                }
                if (article.audience() != Audience.INTERNAL && !licence.atLeast(Licence.PUBLISHER)) {
                    return refuse(
                            EXTERNAL_EDIT_REQUIRES_PUBLISHER,
                            "Article " + article.id() + " is published to " + article.audience()
                                    + "; only a Publisher can merge it. Flag it as DUPLICATE instead");
                }
                return Optional.empty();
            }
            default -> {
                return checkWrite(p, licence);
            }
        }
    }

    private static Optional<Refusal> checkWrite(Proposal p, Licence licence) {
        Optional<Article> before = p.before();
        if (p.state() == VALIDATED && p.changesState() && !licence.atLeast(Licence.CONTRIBUTOR)) {
            return refuse(
                    VALIDATE_REQUIRES_CONTRIBUTOR,
                    "A " + licence
                            + " cannot make an article VALIDATED; leave it NOT_VALIDATED for a Contributor to validate");
        }
        if (p.audience() != Audience.INTERNAL && p.changesAudience() && !licence.atLeast(Licence.PUBLISHER)) {
            return refuse(
                    PUBLISH_REQUIRES_PUBLISHER,
                    "A " + licence + " cannot publish to " + p.audience()
                            + "; only a Publisher can. Keep the article INTERNAL and ask a Publisher");
        }
        if (before.isEmpty()) {
            return Optional.empty();
        }
        Article article = before.get();
        if (article.state() == ARCHIVED && p.state() == ARCHIVED && p.changesContent()) {
            return refuse(ARCHIVED_READ_ONLY, "Article " + article.id() + " is archived; restore it before revising");
        }
        if (article.audience() != Audience.INTERNAL && !licence.atLeast(Licence.PUBLISHER)) {
            return refuse(
                    EXTERNAL_EDIT_REQUIRES_PUBLISHER,
                    "Article " + article.id() + " is published to " + article.audience() + "; a " + licence
                            + " cannot change it. Flag it instead");
        }
        if (article.state() == ARCHIVED && !licence.atLeast(Licence.PUBLISHER)) {
            return refuse(RESTORE_REQUIRES_PUBLISHER, "Only a Publisher can restore archived article " + article.id());
        }
        if (p.state() == ARCHIVED && p.changesState() && !licence.atLeast(Licence.CONTRIBUTOR)) {
            return refuse(
                    ARCHIVE_REQUIRES_CONTRIBUTOR,
                    "A " + licence + " cannot archive " + article.id() + "; flag it as OUTDATED instead");
        }
        if (licence == Licence.CANDIDATE) {
            if (article.state() == VALIDATED) {
                return refuse(
                        VALIDATED_EDIT_REQUIRES_CONTRIBUTOR,
                        "A CANDIDATE cannot change validated article " + article.id() + "; flag it instead");
            }
            if (!article.author().equals(p.actor().id())) {
                return refuse(
                        CANDIDATE_OWN_ARTICLES,
                        "A CANDIDATE can change only articles they captured; " + article.id() + " was captured by "
                                + article.author() + ". Flag it instead");
            }
        }
        return Optional.empty();
    }

    private static Optional<Refusal> refuse(String rule, String message) {
        return Optional.of(new Refusal(rule, message + " [rule " + rule + "]"));
    }
}

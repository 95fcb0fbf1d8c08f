package org.kcskb.store.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kcskb.actor.Actor;
import org.kcskb.article.ArticleContent;
import org.kcskb.article.ArticleId;
import org.kcskb.article.ArticleState;
import org.kcskb.article.Audience;
import org.kcskb.article.CaseId;
import org.kcskb.article.CaseLink;
import org.kcskb.article.Environment;
import org.kcskb.article.Feedback;
import org.kcskb.article.Flag;
import org.kcskb.article.FlagReason;
import org.kcskb.article.LinkType;
import org.kcskb.article.Revision;
import org.kcskb.article.RevisionKind;
import org.kcskb.store.ArticleActivity;
import org.kcskb.store.ArticleStore;
import org.kcskb.store.Mutation;

/**
 * The health scan reads links, flags and feedback in pages by primary key and puts each article's rows in the single
 * reads' order afterwards: with pages of two rows (so that every article's rows and every tie of equal times span
 * pages) it hands exactly what the single reads return, and the same as with one page.
 */
class JdbcHealthPagingTest {
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    @TempDir
    Path directory;

    @Test
    void smallPages_handTheSingleReadsOrder_evenAcrossPagesAndTies() throws SQLException {
        try (ArticleStore store = JdbcArticleStore.h2(directory)) {
            List<ArticleId> ids = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                ArticleId id = store.allocateId();
                ids.add(id);
                store.commit(List.of(new Mutation.AppendRevision(new Revision(
                        id,
                        1,
                        new ArticleContent(
                                "Article " + i, "Issue", Environment.empty(), "Fix", "", Locale.ENGLISH, Set.of()),
                        ArticleState.VALIDATED,
                        Audience.values()[0],
                        Optional.empty(),
                        Actor.contributor("author-" + i),
                        T0,
                        RevisionKind.CAPTURED,
                        ""))));
            }
            ArticleId a = ids.get(0);
            ArticleId b = ids.get(2);
            var mutations = new ArrayList<Mutation>();
            for (int n = 0; n < 5; n++) {
                // Interleaved, later times first, and ties of equal times: the ordinal breaks them.
                Instant at = T0.plusSeconds(n < 3 ? 10 : 10 - n);
                mutations.add(new Mutation.PutLink(
                        new CaseLink(a, CaseId.of("C-a-" + n), LinkType.RESOLUTION, 1, "agent-" + n, at)));
                mutations.add(new Mutation.PutLink(
                        new CaseLink(b, CaseId.of("C-b-" + n), LinkType.REFERENCE, 1, "agent-" + n, at)));
                mutations.add(new Mutation.AddFeedback(
                        new Feedback("fb-" + n, n % 2 == 0 ? a : b, n % 3 == 0, "", "public", at)));
                // Flag ids sort against their raising order.
                mutations.add(new Mutation.PutFlag(new Flag(
                        "flag-" + (9 - n),
                        n % 2 == 0 ? b : a,
                        FlagReason.INCOMPLETE,
                        "",
                        "coach",
                        at,
                        Optional.empty())));
            }
            store.commit(mutations);
            // A replaced link moves last among its equals.
            store.commit(List.of(new Mutation.PutLink(
                    new CaseLink(a, CaseId.of("C-a-0"), LinkType.REFERENCE, 1, "agent-9", T0.plusSeconds(10)))));

            List<ArticleActivity> paged = scan(2);
            List<ArticleActivity> whole = scan(JdbcHealth.PAGE);
            var viaStore = new ArrayList<ArticleActivity>();
            store.scanActivity(viaStore::add);

            assertThat(paged).extracting(activity -> activity.article().id()).containsExactlyElementsOf(ids);
            for (ArticleActivity activity : paged) {
                ArticleId id = activity.article().id();
                assertThat(activity.article())
                        .isEqualTo(store.article(id).orElseThrow().withTranslations(Map.of()));
                assertThat(activity.links()).isEqualTo(store.links(id));
                assertThat(activity.flags()).isEqualTo(store.flags(id));
                assertThat(activity.feedback()).isEqualTo(store.feedback(id));
            }
            assertThat(paged.get(0).links()).hasSize(5);
            assertThat(paged.get(0).links().getLast().caseId()).isEqualTo(CaseId.of("C-a-0"));
            assertThat(paged.get(2).flags()).extracting(Flag::id).containsExactly("flag-5", "flag-9", "flag-7");
            assertThat(paged).isEqualTo(whole).isEqualTo(viaStore);
        }
    }

    private List<ArticleActivity> scan(int page) throws SQLException {
        var seen = new ArrayList<ArticleActivity>();
        // A second connection to the open database (the same JVM shares it).
        try (Connection c = DriverManager.getConnection(
                "jdbc:h2:file:" + directory.resolve("kb") + ";FILE_LOCK=FS;AUTO_SERVER=FALSE;DB_CLOSE_ON_EXIT=FALSE",
                "sa",
                "")) {
            JdbcHealth.scan(c, seen::add, page);
        }
        return seen;
    }
}

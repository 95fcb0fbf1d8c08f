package org.kcskb.store;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.kcskb.actor.Actor;
import org.kcskb.article.ArticleContent;
import org.kcskb.article.ArticleId;
import org.kcskb.article.ArticleState;
import org.kcskb.article.Audience;
import org.kcskb.article.CaseId;
import org.kcskb.article.CaseLink;
import org.kcskb.article.LinkType;
import org.kcskb.article.Revision;
import org.kcskb.article.RevisionKind;
import org.kcskb.store.spi.ArticleStore;
import org.kcskb.store.spi.Mutation;

/**
 * The child process of {@link H2CrashRecoveryTest}: captures articles on an H2 store until it is killed, and
 * prints {@code ACK <id>} for each one after {@code commit} returned. Its first line is {@code READY}.
 */
public final class H2CrashChild {
    private H2CrashChild() {}

    public static void main(String[] args) {
        ArticleStore store = ArticleStores.h2(Path.of(args[0]));
        System.out.println("READY");
        System.out.flush();
        for (long i = 0; ; i++) {
            ArticleId id = store.allocateId();
            Instant now = Instant.now();
            // Two mutations, so that a torn commit would show up as an article without its link.
            store.commit(List.of(
                    new Mutation.AppendRevision(revision(id)),
                    new Mutation.PutLink(new CaseLink(id, caseOf(id), LinkType.RESOLUTION, 1, "agent-crash", now))));
            System.out.println("ACK " + id.value());
            System.out.flush();
        }
    }

    static ArticleContent contentOf(ArticleId id) {
        return ArticleContent.of("Crash test " + id.value() + " – Größe ✓", "Issue of " + id.value() + "\nline 2");
    }

    static CaseId caseOf(ArticleId id) {
        return CaseId.of("CASE-" + id.value());
    }

    static Revision revision(ArticleId id) {
        return new Revision(
                id,
                1,
                contentOf(id),
                ArticleState.WORK_IN_PROGRESS,
                Audience.INTERNAL,
                Optional.empty(),
                Actor.candidate("agent-crash"),
                Instant.now(),
                RevisionKind.CAPTURED,
                "");
    }
}

package org.kcskb.store.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kcskb.KnowledgeBase;
import org.kcskb.actor.Actor;
import org.kcskb.article.Article;
import org.kcskb.article.ArticleContent;
import org.kcskb.article.ArticleState;
import org.kcskb.article.Audience;
import org.kcskb.article.Revision;
import org.kcskb.article.RevisionKind;
import org.kcskb.store.ArticleStores;
import org.kcskb.store.spi.ArticleStore;
import org.kcskb.store.spi.Mutation;

/**
 * Regression: a {@code CHECKPOINT} that failed after a successful commit was reported as a failed write, so a
 * caller that retried wrote the article twice. A committed write is acknowledged; the failed flush is logged.
 */
class H2CheckpointFailureTest {
    @TempDir
    Path directory;

    private final AtomicBoolean checkpointFails = new AtomicBoolean(true);

    private ArticleStore open() {
        return JdbcArticleStore.h2(directory, connection -> {
            if (checkpointFails.get()) {
                throw new SQLException("CHECKPOINT failed: No space left on device (simulated)");
            }
            SqlDialect.H2.afterCommit(connection);
        });
    }

    @Test
    void capture_whoseCheckpointFailsAfterTheCommit_isAcknowledgedOnce() {
        Article captured;
        try (KnowledgeBase kb =
                KnowledgeBase.builder().store(open()).withoutSearch().build()) {
            // Before the fix this threw StorageException although the article was stored; a retry duplicated it.
            captured = kb.capture(Actor.candidate("agent-7"), ArticleContent.of("Printer offline", "It is offline"));
            assertThat(kb.article(captured.id())).contains(captured);
        }
        checkpointFails.set(false);
        try (ArticleStore store = ArticleStores.h2(directory)) {
            assertThat(store.articleIds(Optional.empty(), 10)).containsExactly(captured.id());
            assertThat(store.lastSequence()).isEqualTo(1);
        }
    }

    @Test
    void commit_afterAFailedCheckpoint_stillWorks_onAFreshConnection() {
        try (ArticleStore store = open()) {
            var id = store.allocateId();
            var revision = new Revision(
                    id,
                    1,
                    ArticleContent.of("First", "Issue"),
                    ArticleState.WORK_IN_PROGRESS,
                    Audience.INTERNAL,
                    Optional.empty(),
                    Actor.candidate("agent-7"),
                    Instant.parse("2026-03-01T10:15:30Z"),
                    RevisionKind.CAPTURED,
                    "");
            assertThat(store.commit(List.of(new Mutation.AppendRevision(revision))))
                    .isEqualTo(1);
            checkpointFails.set(false);
            assertThat(store.commit(List.of(new Mutation.AddViews(id, 2)))).isEqualTo(2);
            assertThat(store.article(id).orElseThrow().signals().viewCount()).isEqualTo(2);
        }
    }
}

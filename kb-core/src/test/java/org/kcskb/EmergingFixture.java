package org.kcskb;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.kcskb.analytics.SearchEvent;
import org.kcskb.article.Flag;
import org.kcskb.lifecycle.VisibilityPolicy;
import org.kcskb.store.ArticleStores;
import org.kcskb.store.spi.AnalyticsStore;
import org.kcskb.store.spi.ArticleStore;
import org.kcskb.store.spi.Mutation;

/**
 * A knowledge base of an emerging-issue test, its store and the clock the test moves, with the test's events and
 * flags written straight into the store with their times.
 */
record EmergingFixture(KnowledgeBase kb, ArticleStore store, MovableClock clock) {
    /** The stores the emerging-issue tests run on; PostgreSQL only when {@code KB_TEST_POSTGRES_URL} is set. */
    enum Backend {
        IN_MEMORY,
        H2,
        POSTGRES
    }

    /** Appends {@code events} to the store's analytics, in batches. */
    void append(List<SearchEvent> events) {
        for (int i = 0; i < events.size(); i += 500) {
            ((AnalyticsStore) store).append(events.subList(i, Math.min(events.size(), i + 500)));
        }
    }

    /** Stores {@code flags}, in batches. */
    void put(List<Flag> flags) {
        for (int i = 0; i < flags.size(); i += 200) {
            store.commit(flags.subList(i, Math.min(flags.size(), i + 200)).stream()
                    .<Mutation>map(Mutation.PutFlag::new)
                    .toList());
        }
    }

    /**
     * The fixtures of one test: opens each on its backend (a PostgreSQL schema of its own), and closes them and drops
     * the schemas at the end of the test.
     */
    static final class Opened implements AutoCloseable {
        private static final String POSTGRES_URL = System.getProperty(
                        "kb.test.postgres.url", Objects.requireNonNullElse(System.getenv("KB_TEST_POSTGRES_URL"), ""))
                .strip();

        private final List<KnowledgeBase> opened = new ArrayList<>();
        private final List<String> schemas = new ArrayList<>();

        /**
         * Opens a knowledge base without search on {@code backend} (H2 in {@code directory}), its clock at {@code
         * start}.
         */
        EmergingFixture open(Backend backend, Path directory, VisibilityPolicy policy, Instant start) {
            ArticleStore store =
                    switch (backend) {
                        case IN_MEMORY -> ArticleStores.inMemory();
                        case H2 -> ArticleStores.h2(directory.resolve("store"));
                        case POSTGRES -> postgres();
                    };
            var clock = new MovableClock(start);
            KnowledgeBase kb = closeLater(KnowledgeBase.builder()
                    .store(store)
                    .withoutSearch()
                    .visibilityPolicy(policy)
                    .clock(clock)
                    .build());
            return new EmergingFixture(kb, store, clock);
        }

        /** Closes {@code kb} with the others at the end of the test. */
        KnowledgeBase closeLater(KnowledgeBase kb) {
            opened.add(kb);
            return kb;
        }

        private ArticleStore postgres() {
            Assumptions.assumeTrue(
                    !POSTGRES_URL.isEmpty(), "Set KB_TEST_POSTGRES_URL to run the PostgreSQL emerging-issue tests");
            String schema = "kb_emerging_" + UUID.randomUUID().toString().replace("-", "");
            try (Connection c = DriverManager.getConnection(POSTGRES_URL);
                    Statement s = c.createStatement()) {
                s.execute("CREATE SCHEMA " + schema);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            schemas.add(schema);
            return ArticleStores.postgres(
                    POSTGRES_URL + (POSTGRES_URL.contains("?") ? "&" : "?") + "currentSchema=" + schema, "", "");
        }

        @Override
        public void close() throws SQLException {
            opened.forEach(KnowledgeBase::close);
            for (String schema : schemas) {
                try (Connection c = DriverManager.getConnection(POSTGRES_URL);
                        Statement s = c.createStatement()) {
                    s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
                }
            }
        }
    }
}

package org.kcskb.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kcskb.StorageException;
import org.kcskb.article.ArticleId;
import org.kcskb.store.spi.AnalyticsStore;
import org.kcskb.store.spi.ArticleStore;
import org.kcskb.store.spi.ArticleStoreContract;
import org.kcskb.store.spi.Mutation;

class H2ArticleStoreTest extends ArticleStoreContract {
    @TempDir
    Path temp;

    private Path directory;
    private int opened;

    @Override
    protected ArticleStore newStore() {
        directory = temp.resolve("store-" + opened++);
        return ArticleStores.h2(directory);
    }

    @Override
    protected Optional<ArticleStore> reopen(ArticleStore store) {
        store.close();
        return Optional.of(ArticleStores.h2(directory));
    }

    @Test
    void awkwardValues_roundTripExactly() {
        JdbcStoreChecks.roundTripsAwkwardValuesExactly(store);
    }

    @Test
    void articleIds_pageInArticleIdOrder() {
        JdbcStoreChecks.pagesArticleIdsInArticleIdOrder(store);
    }

    @Test
    void racingWriters_neverLoseAnUpdate() throws Exception {
        JdbcStoreChecks.racingWritersNeverLoseAnUpdate(store, 200);
    }

    @Test
    void open_createsTheDatabaseFileAndRecordsTheSchemaVersion() throws SQLException {
        store.close();
        assertThat(directory.resolve("kb.mv.db")).isRegularFile();
        assertThat(schemaVersions()).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
    }

    /**
     * Regression: with {@code WRITE_DELAY=0} H2 runs no background writer, which is also what compacts the file,
     * and the file grew by about 20 KB per commit without bound (500 MB after 25,000 commits at 100 per second).
     * Durability comes from a {@code CHECKPOINT} after each commit instead (see H2CrashRecoveryTest).
     */
    @Test
    void writeDelay_staysOn_soThatH2KeepsCompactingTheFile() throws SQLException {
        create("Written");
        store.close();
        try (Connection c = DriverManager.getConnection(url() + ";IFEXISTS=TRUE", "sa", "");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(
                        "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'WRITE_DELAY'")) {
            assertThat(rs.next()).isTrue();
            assertThat(Integer.parseInt(rs.getString(1))).isPositive();
        }
    }

    @Test
    void open_twice_appliesMigrationsOnce() throws SQLException {
        ArticleId id = create("Kept");
        store.close();
        store = ArticleStores.h2(directory);
        store.close();
        store = ArticleStores.h2(directory);
        assertThat(store.article(id)).isPresent();
        store.close();
        assertThat(schemaVersions()).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
    }

    @Test
    void open_storeOfSchemaVersion1_addsTheAnalyticsTableAndKeepsTheArticles() throws SQLException {
        ArticleId id = create("Written before analytics existed");
        store.close();
        try (Connection c = DriverManager.getConnection(url(), "sa", "");
                Statement s = c.createStatement()) {
            s.execute("DROP TABLE kb_search_events");
            s.execute("DELETE FROM kb_schema_version WHERE version >= 2");
        }
        store = ArticleStores.h2(directory);
        assertThat(store.article(id)).isPresent();
        ((AnalyticsStore) store).append(List.of(searched("s", "after the upgrade", java.util.Locale.ROOT, 0, 1)));
        assertThat(((AnalyticsStore) store).contentGaps(org.kcskb.analytics.ReportQuery.all()))
                .extracting(org.kcskb.analytics.ContentGap::query)
                .containsExactly("after the upgrade");
        store.close();
        assertThat(schemaVersions()).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
    }

    @Test
    void open_schemaNewerThanTheCode_failsAndNamesBothVersions() throws SQLException {
        store.close();
        try (Connection c = DriverManager.getConnection(url(), "sa", "");
                Statement s = c.createStatement()) {
            s.execute("INSERT INTO kb_schema_version (version, description) VALUES (99, 'from the future')");
        }
        assertThatThrownBy(() -> ArticleStores.h2(directory))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("version 99")
                .hasMessageContaining("up to 12")
                .hasMessageContaining("newer kb-core");
    }

    @Test
    void open_directoryThatIsAFile_failsWithStorageException() throws Exception {
        Path file = Files.writeString(temp.resolve("not-a-directory"), "x");
        assertThatThrownBy(() -> ArticleStores.h2(file))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining(file.toString());
    }

    @Test
    void open_directoryWithSemicolon_isRejected() {
        assertThatThrownBy(() -> ArticleStores.h2(temp.resolve("a;b")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("';'");
    }

    @Test
    void failedCommit_leavesTheStoreUsable() {
        ArticleId id = create("A");
        for (int i = 0; i < 20; i++) {
            assertThatThrownBy(() -> store.commit(List.of(new Mutation.AddViews(ArticleId.of("KB-404"), 1))))
                    .isInstanceOf(org.kcskb.NotFoundException.class);
        }
        store.commit(List.of(new Mutation.AddViews(id, 1)));
        assertThat(store.article(id).orElseThrow().signals().viewCount()).isEqualTo(1);
    }

    @Test
    void toString_namesTheDirectory() {
        assertThat(store.toString()).contains(directory.toAbsolutePath().toString());
    }

    private String url() {
        return "jdbc:h2:file:" + directory.toAbsolutePath().resolve("kb");
    }

    private List<Integer> schemaVersions() throws SQLException {
        try (Connection c = DriverManager.getConnection(url() + ";IFEXISTS=TRUE", "sa", "");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT version FROM kb_schema_version ORDER BY version")) {
            var versions = new java.util.ArrayList<Integer>();
            while (rs.next()) {
                versions.add(rs.getInt(1));
            }
            return versions;
        }
    }

    @Test
    void open_storeOfSchemaVersion8_readsItsRevisionsAsPlainText_andStoresFormatsFromThenOn() throws SQLException {
        ArticleId id = create("Written before text formats existed");
        store.close();
        try (Connection c = DriverManager.getConnection(url(), "sa", "");
                Statement s = c.createStatement()) {
            s.execute("ALTER TABLE kb_revisions DROP COLUMN text_format");
            s.execute("DELETE FROM kb_schema_version WHERE version = 9");
        }
        store = ArticleStores.h2(directory);
        var before = store.article(id).orElseThrow();
        assertThat(before.content().format()).isEqualTo(org.kcskb.article.TextFormat.PLAIN);
        store.commit(List.of(new Mutation.AppendRevision(
                revision(id, 2, before.content().withFormat(org.kcskb.article.TextFormat.MARKDOWN)))));
        assertThat(store.article(id).orElseThrow().content().format()).isEqualTo(org.kcskb.article.TextFormat.MARKDOWN);
        store.close();
        assertThat(schemaVersions()).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
    }

    @Test
    void productListings_useTheProductColumn_filledByMigrationV12ForArticlesWrittenBefore() throws SQLException {
        var byProduct = JdbcStoreChecks.writeProducts(store);
        JdbcStoreChecks.listsEachProductsArticles(store, byProduct);
        store.close();
        // The store as kb-core wrote it before V12: no product column, no index.
        try (Connection c = DriverManager.getConnection(url(), "sa", "");
                Statement s = c.createStatement()) {
            s.execute("DROP INDEX kb_articles_product");
            s.execute("ALTER TABLE kb_articles DROP COLUMN product");
            s.execute("DELETE FROM kb_schema_version WHERE version = 12");
        }
        store = ArticleStores.h2(directory);
        JdbcStoreChecks.listsEachProductsArticles(store, byProduct);
        store.close();
        assertThat(schemaVersions()).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
    }
}

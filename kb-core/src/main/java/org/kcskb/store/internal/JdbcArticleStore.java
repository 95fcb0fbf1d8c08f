package org.kcskb.store.internal;

import java.nio.file.Path;
import javax.sql.DataSource;
import org.kcskb.store.ArticleStore;

/** PLACEHOLDER being replaced by the JDBC implementation (work in progress in this session). */
public final class JdbcArticleStore {
    private JdbcArticleStore() {}

    public static ArticleStore h2(Path directory) {
        throw new UnsupportedOperationException("not yet");
    }

    public static ArticleStore postgres(String url, String user, String password) {
        throw new UnsupportedOperationException("not yet");
    }

    public static ArticleStore postgres(DataSource dataSource) {
        throw new UnsupportedOperationException("not yet");
    }
}

package org.kcskb.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.kcskb.KnowledgeBase;
import org.kcskb.KnowledgeBaseBuilder;
import org.kcskb.store.ArticleStores;
import org.kcskb.store.spi.ArticleStore;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** Which knowledge base a command works on: an embedded folder or a PostgreSQL store (with an optional index). */
final class Target {
    @ArgGroup(multiplicity = "1")
    Where where;

    static final class Where {
        @Option(
                names = "--store",
                paramLabel = "DIR",
                description = "An embedded knowledge base folder (H2 store in DIR/store, Lucene index in DIR/index);"
                        + " import creates it if missing, the other commands need it to exist.")
        Path directory;

        @Option(
                names = "--jdbc",
                paramLabel = "URL",
                description = "A PostgreSQL store, such as jdbc:postgresql://localhost:5432/kb?user=kb&password=kb.")
        String jdbcUrl;
    }

    @Option(names = "--user", description = "PostgreSQL user, unless the URL names it.", defaultValue = "")
    String user;

    @Option(
            names = "--password",
            description = "PostgreSQL password, unless the URL names it.",
            defaultValue = "",
            interactive = true,
            arity = "0..1")
    String password;

    @Option(
            names = "--index",
            paramLabel = "DIR",
            description = "With --jdbc: the Lucene index folder (default: an index in memory, rebuilt at each start).")
    Optional<Path> index;

    /**
     * Fails, naming the folder, when an embedded knowledge base does not exist: only {@code import} creates one, so
     * that a mistyped path does not read (or export, or index) a new, empty knowledge base.
     */
    void requireExisting(CommandSpec spec) {
        if (where.directory != null && !Files.isDirectory(where.directory.resolve("store"))) {
            throw new ParameterException(
                    spec.commandLine(),
                    "No knowledge base at " + where.directory.toAbsolutePath() + " (no store/ folder in it): check"
                            + " the path, or create one with import");
        }
    }

    /** Opens the store alone (for stats). */
    ArticleStore openStore() {
        if (where.directory != null) {
            return ArticleStores.h2(where.directory.resolve("store"));
        }
        return ArticleStores.postgres(where.jdbcUrl, user, password);
    }

    /** Opens the knowledge base, with its search engine following the store. */
    KnowledgeBase open() {
        return open(UnaryOperator.identity());
    }

    /** Opens the knowledge base over {@code wrap} applied to the store. */
    KnowledgeBase open(UnaryOperator<ArticleStore> wrap) {
        KnowledgeBaseBuilder builder = KnowledgeBase.builder();
        if (where.directory != null) {
            builder.directory(where.directory);
        } else {
            index.ifPresent(builder::directory);
        }
        return builder.store(wrap.apply(openStore())).build();
    }

    /** Describes the target for messages, without a password. */
    String describe() {
        return where.directory != null
                ? where.directory.toString()
                : where.jdbcUrl.replaceAll("password=[^&]*", "password=***");
    }
}

package org.kcskb.reliability;

import java.io.FileOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.kcskb.KnowledgeBase;
import org.kcskb.store.ArticleStores;
import org.kcskb.store.spi.ArticleStore;

/**
 * The child JVM of {@link SigkillCampaignTest}: opens the knowledge base and runs {@link SolveLoopWorkload} until it
 * is killed, appending each acknowledged write to the log (written and flushed before the next call; a SIGKILL
 * loses nothing that reached the kernel).
 *
 * <p>Arguments: {@code h2 STORE_DIR | postgres JDBC_URL}, then the index directory, the log, the seed and the run
 * number.
 */
public final class SolveLoopChild {
    private SolveLoopChild() {}

    public static void main(String[] args) throws Exception {
        ArticleStore store =
                switch (args[0]) {
                    case "h2" -> ArticleStores.h2(Path.of(args[1]));
                    case "postgres" -> ArticleStores.postgres(args[1], "", "");
                    default -> throw new IllegalArgumentException("Unknown store " + args[0] + "; use h2 or postgres");
                };
        Path directory = Path.of(args[2]);
        Path log = Path.of(args[3]);
        long seed = Long.parseLong(args[4]);
        int run = Integer.parseInt(args[5]);
        try (var out = new FileOutputStream(log.toFile(), true);
                KnowledgeBase kb = KnowledgeBase.builder()
                        .store(store)
                        .directory(directory)
                        .build()) {
            var workload = new SolveLoopWorkload(
                    kb, new SplittableRandom(seed), SolveLoopWorkload.runPrefix(args[0].substring(0, 1), run), line -> {
                        // One write call per line: a kill cuts the log between lines, never inside one.
                        out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                        out.flush();
                    });
            while (true) {
                workload.step();
            }
        }
    }
}

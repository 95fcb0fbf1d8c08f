package org.kcskb.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.kcskb.KnowledgeBase;
import org.kcskb.transfer.TransferProgress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

@Command(
        name = "rebuild",
        mixinStandardHelpOptions = true,
        description = "Rebuilds the search index from the store (searches see the old index until the new one is"
                + " complete).")
final class RebuildCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    Target target;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        long started = System.nanoTime();
        var reads = new java.util.concurrent.atomic.AtomicLong();
        target.requireExisting(spec);
        try (KnowledgeBase kb = target.open(CountingStore.counting(reads))) {
            var bar = new ProgressBar(err, "rebuild (article reads)");
            var worker = Executors.newSingleThreadExecutor();
            try {
                reads.set(0);
                Future<?> rebuild = worker.submit(kb::rebuildIndex);
                while (true) {
                    try {
                        rebuild.get(200, TimeUnit.MILLISECONDS);
                        break;
                    } catch (java.util.concurrent.TimeoutException e) {
                        bar.progress(new TransferProgress(reads.get(), OptionalLong.empty(), 0));
                    }
                }
            } catch (java.util.concurrent.ExecutionException e) {
                throw e.getCause() instanceof Exception cause ? cause : e;
            } finally {
                worker.shutdown();
            }
            bar.progress(new TransferProgress(reads.get(), OptionalLong.empty(), 0));
            bar.finish();
        }
        err.printf(Locale.ROOT, "Index rebuilt in %.1f s%n", (System.nanoTime() - started) / 1e9);
        return 0;
    }
}

package org.kcskb.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.kcskb.KnowledgeBase;
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
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        long started = System.nanoTime();
        target.requireExisting(spec);
        try (KnowledgeBase kb = target.open()) {
            // The engine reports the articles indexed out of the store's articles, on its own thread while this one
            // waits: the bar is drawn by one thread at a time.
            var bar = new ProgressBar(err, "rebuild");
            kb.rebuildIndex(bar);
            bar.finish();
        }
        err.printf(Locale.ROOT, "Index rebuilt in %.1f s%n", (System.nanoTime() - started) / 1e9);
        return 0;
    }
}

package org.kcskb.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.kcskb.KnowledgeBase;
import org.kcskb.transfer.json.ArticleJsonLines;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "export",
        mixinStandardHelpOptions = true,
        description = {
            "Exports every article, with every revision, case link, flag and translation, as JSON lines in source-id"
                    + " order.",
            "The file imports into any knowledge base; imported into an empty one and exported again, it gives the same"
                    + " lines."
        })
final class ExportCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    Target target;

    @Parameters(paramLabel = "FILE", description = "The file to write (replaced), or - for standard output.")
    String file;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        long started = System.nanoTime();
        long count;
        target.requireExisting(spec);
        try (KnowledgeBase kb = target.open();
                Writer out = file.equals("-")
                        ? new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16)
                        : Files.newBufferedWriter(Path.of(file), StandardCharsets.UTF_8)) {
            var bar = new ProgressBar(err, "export");
            count = ArticleJsonLines.write(kb, out, bar);
            bar.finish();
        }
        err.printf(Locale.ROOT, "%,d articles exported in %.1f s%n", count, (System.nanoTime() - started) / 1e9);
        return 0;
    }
}

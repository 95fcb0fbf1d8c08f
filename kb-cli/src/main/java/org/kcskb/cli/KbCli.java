package org.kcskb.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code kb} tool's entry point: {@code java -jar kb-cli.jar <command> ...}. Exit codes: 0 done, 1 failed
 * (the error is printed), 2 wrong usage, 3 done but some records failed (import).
 */
@Command(
        name = "kb",
        mixinStandardHelpOptions = true,
        versionProvider = KbCli.Version.class,
        description = "Moves knowledge in and out of a KCS knowledge base, and looks after its index.",
        subcommands = {
            ImportCommand.class,
            ExportCommand.class,
            RebuildCommand.class,
            StatsCommand.class,
            CommandLine.HelpCommand.class
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:done",
            "1:failed (the error is printed)",
            "2:wrong usage",
            "3:done, but some records failed (import)"
        })
public final class KbCli implements Runnable {
    /** Exit code of an import that finished with failed records. */
    static final int SOME_FAILED = 3;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /**
     * Lucene's note that the Vector API is not enabled (one JUL warning per start): a short-lived tool gains nothing
     * from it, so the tool's output stays its own. Held in a field, as JUL keeps loggers only weakly.
     */
    private static final java.util.logging.Logger VECTOR_NOTE =
            java.util.logging.Logger.getLogger("org.apache.lucene.internal.vectorization");

    public static void main(String[] args) {
        VECTOR_NOTE.setLevel(java.util.logging.Level.SEVERE);
        System.exit(commandLine().execute(args));
    }

    /** Returns the tool's command line, for {@link #main} and for tests that run it in process. */
    public static CommandLine commandLine() {
        return new CommandLine(new KbCli()).setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("kb " + commandLine.getCommandName() + ": " + e.getMessage());
            return 1;
        });
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(
                spec.commandLine(), "Name a command: import, export, rebuild or stats");
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = KbCli.class.getPackage().getImplementationVersion();
            return new String[] {"kb " + (version == null ? "(development build)" : version)};
        }
    }
}

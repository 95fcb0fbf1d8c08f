package org.kcskb.bench;

import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * How every {@code kb-bench.jar} command parses its command line: picocli, with one error format for all of them
 * ({@code <command>: <what was wrong>}, then the command's usage, exit code 2) and the same exit codes (0 done, 1
 * the run failed, 2 a bad command line).
 */
public final class Cli {
    /** Exit code of a successful run. */
    public static final int OK = CommandLine.ExitCode.OK;
    /** Exit code when the run itself failed. */
    public static final int FAILED = CommandLine.ExitCode.SOFTWARE;
    /** Exit code of a user mistake: bad arguments or a missing or malformed input. */
    public static final int USAGE = CommandLine.ExitCode.USAGE;

    /** The name usage lines start with. */
    public static final String JAR = "java -jar kb-bench.jar";

    private Cli() {}

    /**
     * Runs {@code command} (a picocli {@code @Command} that is a {@code Callable<Integer>}) with {@code args},
     * printing to the given streams.
     *
     * @return the exit code
     */
    public static int execute(Object command, List<String> args, PrintStream out, PrintStream err) {
        CommandLine commandLine = commandLine(command, out, err);
        commandLine.setCommandName(JAR + " " + commandLine.getCommandName());
        return commandLine.execute(args.toArray(String[]::new));
    }

    /**
     * Parses {@code args} into {@code command}'s fields without running it.
     *
     * @return the command, its options set
     * @throws ParameterException naming the bad argument
     */
    public static <T> T parse(T command, List<String> args) {
        new CommandLine(command).parseArgs(args.toArray(String[]::new));
        return command;
    }

    /** Returns a usage error of {@code spec}'s command: printed with its usage, exit code 2. */
    public static ParameterException usageError(CommandSpec spec, String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    /** A command line printing to the given streams, with the shared error format. */
    static CommandLine commandLine(Object command, PrintStream out, PrintStream err) {
        return configure(new CommandLine(command), out, err);
    }

    /** Sets the streams and the shared error format on {@code commandLine} and the subcommands it has so far. */
    static CommandLine configure(CommandLine commandLine, PrintStream out, PrintStream err) {
        commandLine.setOut(writer(out));
        commandLine.setErr(writer(err));
        commandLine.setParameterExceptionHandler(Cli::reportUsageError);
        return commandLine;
    }

    /**
     * Prints what was wrong, picocli's suggestions for a mistyped option, the command's synopsis and where its help
     * is; exit code 2.
     */
    private static int reportUsageError(ParameterException e, String[] args) {
        CommandLine commandLine = e.getCommandLine();
        PrintWriter err = commandLine.getErr();
        CommandLine.Command command =
                commandLine.getCommandSpec().userObject().getClass().getAnnotation(CommandLine.Command.class);
        String name = command == null ? commandLine.getCommandName() : command.name();
        err.println(name + ": " + e.getMessage().replaceFirst("^Error: ", ""));
        UnmatchedArgumentException.printSuggestions(e, err);
        CommandLine.Help help = commandLine.getHelp();
        err.print(help.synopsisHeading());
        err.print(help.synopsis(help.synopsisHeadingLength()));
        err.println("Try '" + commandLine.getCommandSpec().qualifiedName() + " --help' for more information.");
        err.flush();
        return USAGE;
    }

    private static PrintWriter writer(PrintStream stream) {
        return new PrintWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), true);
    }
}

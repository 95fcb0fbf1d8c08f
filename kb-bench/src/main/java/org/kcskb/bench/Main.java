package org.kcskb.bench;

import java.io.PrintStream;
import java.util.List;
import java.util.Set;
import org.kcskb.bench.compare.CiCommand;
import org.kcskb.bench.compare.CompareCommand;
import org.kcskb.bench.emerging.EmergingCommand;
import org.kcskb.bench.footprint.FootprintCommand;
import org.kcskb.bench.relevance.RelevanceCommand;
import org.kcskb.bench.relevance.RelevanceSuiteCommand;
import org.kcskb.bench.tenants.TenantsCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The entry point of {@code kb-bench.jar}: its commands ({@code relevance}, {@code relevance-suite}, {@code ci},
 * {@code compare}, {@code footprint}, {@code tenants}, {@code emerging}) on picocli, each with {@code --help};
 * anything else goes to JMH.
 *
 * <pre>
 * java -jar kb-bench/target/kb-bench.jar --help                 # the commands
 * java -jar kb-bench/target/kb-bench.jar relevance --help       # one command's options
 * java -jar kb-bench/target/kb-bench.jar relevance --data ../shared/data/covidfaq-de --json covid.json
 * java -jar kb-bench/target/kb-bench.jar -h                     # JMH options
 * java -jar kb-bench/target/kb-bench.jar Search                 # JMH benchmarks matching "Search"
 * </pre>
 */
@Command(
        name = Cli.JAR,
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        usageHelpWidth = 110,
        synopsisSubcommandLabel = "COMMAND",
        description = "Benchmarks and relevance evaluation of the KCS knowledge base.",
        footer = {
            "",
            "Anything else goes to JMH: java -jar kb-bench.jar [JMH options] [benchmark regexp] (-h for the JMH"
                    + " options, -l to list the benchmarks).",
            "Exit codes: 0 done, 1 the run or a gate failed, 2 a bad command line or input."
        })
public final class Main implements Runnable {
    @Spec
    private CommandSpec spec;

    /** The commands; a first argument that is none of them (or the top-level help) goes to JMH. */
    static final Set<String> COMMANDS =
            Set.of("relevance", "relevance-suite", "ci", "compare", "footprint", "tenants", "emerging", "help");

    private Main() {}

    /** The version line of {@code --version}: the jar's version and the JVM it runs on. */
    public static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Main.class.getPackage().getImplementationVersion();
            return new String[] {
                "kb-bench " + (version == null ? "(development build)" : version),
                "JVM: " + System.getProperty("java.vm.name") + " " + Runtime.version()
            };
        }
    }

    @Override
    public void run() {
        // Without a command: the usage. (Every JMH benchmark, what JMH does without arguments, is one regexp
        // away: java -jar kb-bench.jar . )
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The command line of the jar, printing to the given streams. */
    static CommandLine commandLine(PrintStream out, PrintStream err) {
        CommandLine commandLine = new CommandLine(new Main());
        commandLine.addSubcommand("relevance", RelevanceCommand.printingTo(out, err));
        commandLine.addSubcommand("relevance-suite", RelevanceSuiteCommand.printingTo(out, err));
        commandLine.addSubcommand("ci", CiCommand.printingTo(out, err));
        commandLine.addSubcommand("compare", CompareCommand.printingTo(out, err));
        commandLine.addSubcommand("footprint", FootprintCommand.printingTo(out, err));
        commandLine.addSubcommand("tenants", TenantsCommand.printingTo(out, err));
        commandLine.addSubcommand("emerging", EmergingCommand.printingTo(out));
        commandLine.addSubcommand("help", new CommandLine.HelpCommand());
        Cli.configure(commandLine, out, err);
        return commandLine;
    }

    /**
     * Runs the jar's command line: a command, the top-level {@code --help}/{@code --version}, or else JMH.
     *
     * @return the exit code of a command; JMH's runs end the JVM themselves
     */
    static int execute(List<String> args, PrintStream out, PrintStream err) throws Exception {
        if (args.isEmpty()
                || COMMANDS.contains(args.getFirst())
                || List.of("--help", "--version", "-V").contains(args.getFirst())) {
            return commandLine(out, err).execute(args.toArray(String[]::new));
        }
        org.openjdk.jmh.Main.main(args.toArray(String[]::new));
        return Cli.OK;
    }

    public static void main(String[] args) throws Exception {
        int code = execute(List.of(args), System.out, System.err);
        System.out.flush();
        System.exit(code);
    }
}

package org.kcskb.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class MainTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) throws Exception {
        return Main.execute(
                List.of(args),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void help_listsEveryCommand_andWhereJmhIs() throws Exception {
        assertThat(run("--help")).isZero();

        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("Usage: java -jar kb-bench.jar")
                .contains("relevance", "relevance-suite", "ci", "compare", "footprint", "tenants", "emerging")
                .contains("JMH");
        assertThat(Main.COMMANDS)
                .containsAll(Main.commandLine(System.out, System.err)
                        .getSubcommands()
                        .keySet());
    }

    @Test
    void eachCommandsHelp_comesFromItsOptions_underTheJarsName() throws Exception {
        assertThat(run("relevance-suite", "--help")).isZero();
        assertThat(run("help", "emerging")).isZero();

        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("Usage: java -jar kb-bench.jar relevance-suite", "--data-root=DIR", "--update-baseline")
                .contains("Usage: java -jar kb-bench.jar emerging", "--outbreak-day=D");
    }

    @Test
    void badOptionOfACommand_isOneLineWithTheSynopsis_exitTwo() throws Exception {
        assertThat(run("emerging", "--outbreak-day", "9")).isEqualTo(Cli.USAGE);
        assertThat(run("footprint", "--corpuss", "x")).isEqualTo(Cli.USAGE);

        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("emerging: the outbreak must start within the checked days")
                .contains("footprint: Unknown options: '--corpuss', 'x'")
                .contains("Possible solutions: --corpus")
                .contains("Try 'java -jar kb-bench.jar footprint --help' for more information.")
                .doesNotContain("Exception", "\tat ");
    }

    @Test
    void version_namesTheJvm() throws Exception {
        assertThat(run("--version")).isZero();

        assertThat(out.toString(StandardCharsets.UTF_8)).contains("kb-bench", "JVM:");
    }
}

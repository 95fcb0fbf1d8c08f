package org.kcskb.bench.emerging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class EmergingCommandTest {

    @Test
    void quietDaysWithOneOutbreak_detectTheOutbreakOnceWithinTheHour_withFewFalseAlarms() {
        var options = EmergingCommand.Options.parse(List.of(
                "--days", "3", "--outbreak-day", "1", "--outbreak-hour", "10", "--check-minutes", "10", "--seed", "7"));
        var out = new ByteArrayOutputStream();

        EmergingCommand.Result r =
                EmergingCommand.simulate(options, new PrintStream(out, true, StandardCharsets.UTF_8));

        assertThat(r.outbreakSearches()).isGreaterThan(40);
        assertThat(r.detectionDelay()).hasValueSatisfying(d -> assertThat(d).isLessThan(Duration.ofHours(1)));
        // Twenty spellings, one issue.
        assertThat(r.outbreakIssues()).isEqualTo(1);
        // Three days of checks every ten minutes, at a bound of 1 % per check: a handful at most by chance.
        assertThat(r.checks()).isEqualTo(3 * 24 * 6);
        assertThat(r.falseAlarms()).as("false alarms: %s", r.falseAlarmLabels()).isLessThanOrEqualTo(3);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("outlook");
    }

    @Test
    void badOptions_exitWithUsageError() {
        var err = new ByteArrayOutputStream();
        int code = EmergingCommand.run(
                List.of("--outbreak-day", "9"),
                new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--outbreak-day");
    }
}

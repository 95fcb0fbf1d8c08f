package org.kcskb.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogTextTest {
    @Test
    void escape_leavesNoLineBreakTerminalEscapeOrBidiControl() {
        String hostile = "drucker\r\n12:00:00 [main] INFO fake line\u001b[2J\u202egnp.exe\u0000\ud800";

        String escaped = LogText.escape(hostile);

        assertThat(escaped).doesNotContain("\r", "\n", "\u001b", "\u202e", "\u0000", "\ud800");
        assertThat(escaped).contains("drucker\\u000d\\u000a12:00:00", "\\u001b[2J", "\\u202e");
    }

    @Test
    void escape_keepsOrdinaryTextAndEmoji_andCutsLongText() {
        assertThat(LogText.escape("Drucker grün 😀")).isEqualTo("Drucker grün 😀");
        assertThat(LogText.escape("x".repeat(1_000))).hasSizeLessThan(150).endsWith("(1000 chars)");
        assertThat(LogText.escape(null)).isEqualTo("(none)");
    }
}

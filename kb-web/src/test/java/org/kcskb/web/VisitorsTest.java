package org.kcskb.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VisitorsTest {
    @Test
    void keyOf_isStablePerClient_distinctBetweenClients_andHoldsNoAddress() {
        var visitors = new Visitors();

        String first = visitors.keyOf("203.0.113.7");

        assertThat(visitors.keyOf("203.0.113.7")).isEqualTo(first);
        assertThat(visitors.keyOf("203.0.113.8")).isNotEqualTo(first);
        assertThat(first).matches("[0-9a-f]{32}").doesNotContain("203");
    }

    @Test
    void keyOf_differsBetweenProcesses_soKeysFromTwoRunsCannotBeJoined() {
        assertThat(new Visitors().keyOf("203.0.113.7")).isNotEqualTo(new Visitors().keyOf("203.0.113.7"));
    }
}

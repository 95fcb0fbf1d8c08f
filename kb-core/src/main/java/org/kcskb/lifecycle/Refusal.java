package org.kcskb.lifecycle;

import java.util.Objects;

/**
 * Why the lifecycle policy refused a write.
 *
 * @param rule a stable rule id such as {@code kcs.publish.requires-publisher}, for hosts to match on
 * @param message what was refused and what would be allowed, in words
 */
public record Refusal(String rule, String message) {
    public Refusal {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(message, "message");
    }
}

package org.kcskb.reliability;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Seeded generators of what a hostile or careless visitor types: arbitrary Unicode, lone surrogates, control and
 * bidi characters, huge and empty text, query-operator soup, tampered page cursors, over-long language tags. Not
 * thread-safe: one per thread, from one seed.
 */
final class HostileInput {
    static final List<String> WORDS = List.of(
            "printer",
            "drucker",
            "offline",
            "Druckertreiber",
            "password",
            "reset",
            "Kündigung",
            "VPN",
            "Windows-Update",
            "spooler",
            "installieren",
            "Anmeldung",
            "fehlgeschlagen",
            "error",
            "0x80070005",
            "Acme",
            "drucken");
    private static final List<String> OPERATORS = List.of(
            "\"",
            "*",
            "?",
            "~",
            "~2",
            "^3",
            "AND",
            "OR",
            "NOT",
            "&&",
            "||",
            "!",
            "(",
            ")",
            "[",
            "]",
            "{",
            "}",
            "\\",
            ":",
            "title:",
            "*:*",
            "-",
            "+",
            "/",
            "/.*/",
            "[a TO z]",
            "\"\"",
            "\\\"",
            "\\u0000",
            "%",
            "_",
            "'",
            ";",
            "--",
            "' OR 1=1 --",
            "<script>",
            "${jndi:x}",
            "%00",
            "\u00A0");
    private static final char[] BIDI = {
        '\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069', '\u200E', '\u200F',
        '\u061C'
    };
    private static final char[] INVISIBLE = {'\u200B', '\u200C', '\u200D', '\uFEFF', '\u2028', '\u2029', '\u3000'};

    private final SplittableRandom random;

    HostileInput(SplittableRandom random) {
        this.random = random;
    }

    int nextInt(int bound) {
        return random.nextInt(bound);
    }

    boolean chance(double p) {
        return random.nextDouble() < p;
    }

    <T> T pick(List<T> items) {
        return items.get(random.nextInt(items.size()));
    }

    /** Text for a search box: usually short and wordy, sometimes empty, huge (to 20,000 chars) or pure noise. */
    String text() {
        double size = random.nextDouble();
        if (size < 0.04) {
            return chance(0.5) ? "" : pick(List.of(" ", "\t\n", "\u0000", "\u200B", "\"\"", "*", "()"));
        }
        int fragments = size < 0.97 ? 1 + random.nextInt(8) : 10 + random.nextInt(400);
        var text = new StringBuilder();
        for (int i = 0; i < fragments; i++) {
            fragment(text);
            if (chance(0.7)) {
                text.append(' ');
            }
        }
        if (size > 0.985) {
            // Over or about the query length limit, in one long run.
            int length = 4_000 + random.nextInt(16_000);
            while (text.length() < length) {
                fragment(text);
            }
        }
        return text.toString();
    }

    private void fragment(StringBuilder out) {
        switch (random.nextInt(12)) {
            case 0, 1, 2 -> out.append(pick(WORDS));
            case 3 -> out.append(pick(OPERATORS));
            case 4 -> out.appendCodePoint(random.nextInt(Character.MAX_CODE_POINT + 1));
            case 5 -> out.append((char) (0xD800 + random.nextInt(0x800))); // a lone surrogate
            case 6 -> out.append((char) (random.nextBoolean() ? random.nextInt(0x20) : 0x7F + random.nextInt(0x21)));
            case 7 -> out.append(BIDI[random.nextInt(BIDI.length)]);
            case 8 -> out.append(INVISIBLE[random.nextInt(INVISIBLE.length)]);
            case 9 -> {
                // One letter with a pile of combining marks, or a long run of one letter.
                out.append((char) ('a' + random.nextInt(26)));
                out.repeat(random.nextBoolean() ? "\u0301" : "e", 1 + random.nextInt(300));
            }
            case 10 -> out.append(random.nextLong() & Long.MAX_VALUE);
            default -> {
                // A word from the corpus with an operator glued on.
                out.append(pick(OPERATORS)).append(pick(WORDS)).append(pick(OPERATORS));
            }
        }
    }

    /** A short text for tags, environment keys and values, partner ids. */
    String token() {
        return chance(0.6) ? pick(WORDS) : shortNoise();
    }

    private String shortNoise() {
        var text = new StringBuilder();
        int fragments = 1 + random.nextInt(chance(0.05) ? 200 : 3);
        for (int i = 0; i < fragments; i++) {
            fragment(text);
        }
        return text.toString();
    }

    /** A query or filter language: mostly real ones, sometimes malformed or over-long. */
    Locale locale() {
        return switch (random.nextInt(8)) {
            case 0, 1, 2 -> Locale.ROOT;
            case 3 -> Locale.ENGLISH;
            case 4 -> Locale.GERMAN;
            case 5 -> Locale.forLanguageTag(pick(List.of("fr", "zh-Hant-TW", "x-private", "de-CH-1996", "und", "iw")));
            case 6 -> Locale.forLanguageTag("x-" + "a".repeat(1 + random.nextInt(300)));
            default -> Locale.of(shortNoise(), chance(0.5) ? "" : shortNoise());
        };
    }

    /** A page cursor as a tamperer sends it; {@code genuine} is a real one to start from, or null. */
    String cursor(String genuine) {
        int kind = random.nextInt(genuine == null ? 9 : 11);
        return switch (kind) {
            case 0 -> encode(bytes(random.nextInt(120)));
            case 1 ->
                encode("w:"
                        + pick(List.of(
                                String.valueOf(random.nextInt()),
                                "-1",
                                "0",
                                "10",
                                "2147483648",
                                "99999999999999999999",
                                "",
                                " 1")));
            case 2 ->
                encode("f:"
                        + Float.floatToIntBits(pick(List.of(
                                Float.NaN,
                                Float.POSITIVE_INFINITY,
                                Float.NEGATIVE_INFINITY,
                                -0f,
                                Float.MIN_VALUE,
                                Float.MAX_VALUE,
                                1f)))
                        + ":" + pick(List.of("KB-1", "KB-999999", "", "x".repeat(70), "KB 1", "KB-1\n")));
            case 3 -> encode("f:" + random.nextInt() + ":KB-" + random.nextInt(100));
            case 4 -> "A".repeat(129 + random.nextInt(chance(0.05) ? 1_000_000 : 2_000));
            case 5 -> shortNoise();
            case 6 -> encode(shortNoise());
            case 7 -> encode(random.nextInt() + ":" + pick(WORDS));
            case 8 -> pick(List.of("", "=", "==", "====", "w", "%", "AAAA=", "\u0000"));
            default -> {
                // A genuine cursor with one character changed, or cut, or doubled.
                var chars = new StringBuilder(genuine);
                switch (random.nextInt(3)) {
                    case 0 -> chars.setCharAt(random.nextInt(chars.length()), "AZaz09-_=+/".charAt(random.nextInt(11)));
                    case 1 -> chars.setLength(random.nextInt(chars.length()));
                    default -> chars.append(genuine);
                }
                yield chars.toString();
            }
        };
    }

    private byte[] bytes(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) random.nextInt(256);
        }
        return bytes;
    }

    private static String encode(String raw) {
        return encode(raw.getBytes(StandardCharsets.UTF_8));
    }

    private static String encode(byte[] raw) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }

    /** {@code text} for a failure message: at most 300 characters, anything unprintable as a Unicode escape. */
    static String show(String text) {
        var out = new StringBuilder();
        int shown = Math.min(text.length(), 300);
        for (int i = 0; i < shown; i++) {
            char c = text.charAt(i);
            if (c >= 0x20 && c < 0x7F && c != '\\') {
                out.append(c);
            } else {
                out.append(String.format("\\u%04X", (int) c));
            }
        }
        if (text.length() > shown) {
            out.append("...(").append(text.length()).append(" chars)");
        }
        return out.toString();
    }
}

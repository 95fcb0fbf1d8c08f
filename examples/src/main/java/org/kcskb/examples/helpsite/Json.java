package org.kcskb.examples.helpsite;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;

/** The help site's JSON: every response body, written so that no browser can mistake it for HTML. */
final class Json {
    private static final ObjectMapper MAPPER = JsonMapper.builder().build();

    static {
        // '<', '>', '&' and quotes leave as \\u escapes: a JSON body then holds no markup even when a browser is
        // tricked into reading it as HTML, and it can be inlined into a <script> block safely.
        MAPPER.getFactory().setCharacterEscapes(new HtmlSafeEscapes());
    }

    private Json() {}

    static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    static String writeString(Object value) {
        return new String(write(value), StandardCharsets.UTF_8);
    }

    /** Parses a request body; a malformed body is the caller's mistake. */
    static JsonNode read(String body) {
        try {
            JsonNode node = MAPPER.readTree(body);
            if (node == null || !node.isObject()) {
                throw ApiException.badRequest("The request body must be a JSON object, for example"
                        + " {\"helpful\": true, \"comment\": \"\"}");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("The request body is not valid JSON (" + e.getOriginalMessage()
                    + "); send a JSON object with Content-Type: application/json");
        }
    }

    private static final class HtmlSafeEscapes extends CharacterEscapes {
        private final int[] escapes;

        HtmlSafeEscapes() {
            escapes = CharacterEscapes.standardAsciiEscapesForJSON();
            for (char c : new char[] {'<', '>', '&', '\'', '"'}) {
                escapes[c] = CharacterEscapes.ESCAPE_STANDARD;
            }
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return escapes;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return null;
        }
    }
}

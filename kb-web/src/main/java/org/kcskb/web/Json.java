package org.kcskb.web;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
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

    /** The deepest nesting of objects and arrays a request body may have; the API's bodies are flat. */
    static final int MAX_DEPTH = 4;

    /**
     * Parses a request body; a malformed body is the caller's mistake. Nesting is bounded here, before Jackson's
     * own limits could answer with their names, and every message says what to send instead.
     */
    static JsonNode read(String body) {
        checkDepth(body);
        try {
            JsonNode node = MAPPER.readTree(body);
            if (node == null || !node.isObject()) {
                throw ApiException.badRequest("The request body must be a JSON object, for example"
                        + " {\"helpful\": true, \"comment\": \"\"}");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw notJson(e);
        }
    }

    private static void checkDepth(String body) {
        try (JsonParser parser = MAPPER.getFactory().createParser(body)) {
            int depth = 0;
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token.isStructStart() && ++depth > MAX_DEPTH) {
                    throw ApiException.badRequest("The request body nests objects or arrays more than " + MAX_DEPTH
                            + " levels deep; send one flat JSON object, for example {\"helpful\": true}");
                } else if (token.isStructEnd()) {
                    depth--;
                }
            }
        } catch (JsonProcessingException e) {
            throw notJson(e);
        } catch (IOException e) {
            // Reading a String cannot fail with I/O; treat it as a malformed body all the same.
            throw ApiException.badRequest("The request body could not be read; send a JSON object");
        }
    }

    private static ApiException notJson(JsonProcessingException e) {
        // Jackson's own message names its internals (token types, StreamReadConstraints); say where, in our words.
        JsonLocation where = e.getLocation();
        String position = where == null || where.getLineNr() < 1
                ? ""
                : " at line " + where.getLineNr() + ", column " + where.getColumnNr();
        return ApiException.badRequest("The request body is not valid JSON" + position
                + "; send a JSON object such as {\"helpful\": true} with Content-Type: application/json");
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

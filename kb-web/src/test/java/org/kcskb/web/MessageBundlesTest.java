package org.kcskb.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The widget's texts: one bundle per language in the jar, overridden and extended by the host's files. */
class MessageBundlesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode bundle(WidgetFiles files, String language) throws Exception {
        return JSON.readTree(files.bundle(language).orElseThrow());
    }

    private static Set<String> keys(JsonNode json) {
        var keys = new TreeSet<String>();
        json.fieldNames().forEachRemaining(keys::add);
        keys.removeIf(key -> key.startsWith("$"));
        return keys;
    }

    @Test
    void languagesAClientMakesUp_areNotRemembered() {
        var files = new WidgetFiles(List.of());
        files.bundle("de");
        int held = files.cachedJarBundles();

        for (int i = 0; i < 1_000; i++) {
            assertThat(files.file("/messages/xx-zz" + i + ".json")).isEmpty();
        }

        assertThat(files.cachedJarBundles()).isEqualTo(held);
        assertThat(files.bundle("de")).isPresent();
    }

    @Test
    void theJarsBundles_translateEveryEnglishKey() throws Exception {
        var files = new WidgetFiles(List.of());
        Set<String> english =
                keys(JSON.readTree(WidgetFiles.class.getResourceAsStream(WidgetFiles.ROOT + "messages/en.json")));
        for (String language : List.of("de", "fr")) {
            JsonNode own = JSON.readTree(
                    WidgetFiles.class.getResourceAsStream(WidgetFiles.ROOT + "messages/" + language + ".json"));
            assertThat(keys(own)).as(language + ".json").isEqualTo(english);
        }
        assertThat(bundle(files, "de").get("label").asText()).isEqualTo("Wie können wir helfen?");
        assertThat(bundle(files, "en").get("count.other").asText()).isEqualTo("{n} articles found");
    }

    @Test
    void aBundle_namesItsLanguage_andTheLanguagesTheSearchAnalyses() throws Exception {
        JsonNode french = bundle(new WidgetFiles(List.of()), "fr");

        assertThat(french.get("$language").asText()).isEqualTo("fr");
        var searchLanguages = new ArrayList<String>();
        french.get("$searchLanguages").forEach(l -> searchLanguages.add(l.asText()));
        assertThat(searchLanguages).contains("de", "en", "fr");
    }

    @Test
    void aLanguageWithoutABundle_isNotServed_soTheWidgetFallsBackToEnglish() {
        var files = new WidgetFiles(List.of());

        assertThat(files.bundle("it")).isEmpty();
        assertThat(files.file("/messages/it.json")).isEmpty();
        assertThat(files.file("/messages/../kb-web.properties")).isEmpty();
        assertThat(files.file("/messages/en.json")).isPresent();
    }

    @Test
    void theHostsFiles_addALanguage_andOverrideSingleTexts_keepingTheRest(@TempDir Path directory) throws Exception {
        Files.writeString(directory.resolve("it.json"), "{\"label\": \"Come possiamo aiutarti?\"}");
        Files.writeString(directory.resolve("de.json"), "{\"label\": \"Wobei dürfen wir helfen?\"}");
        var files = new WidgetFiles(List.of(directory));

        JsonNode italian = bundle(files, "it");
        assertThat(italian.get("label").asText()).isEqualTo("Come possiamo aiutarti?");
        assertThat(italian.get("more").asText()).as("untranslated: English").isEqualTo("More results");
        JsonNode german = bundle(files, "de");
        assertThat(german.get("label").asText()).isEqualTo("Wobei dürfen wir helfen?");
        assertThat(german.get("more").asText()).isEqualTo("Weitere Ergebnisse");

        // Read at each request: a translator's edit shows on reload.
        Files.writeString(directory.resolve("it.json"), "{\"label\": \"Come possiamo aiutare?\"}");
        assertThat(bundle(files, "it").get("label").asText()).isEqualTo("Come possiamo aiutare?");
        assertThat(files.file("/messages/it.json").orElseThrow().cacheControl()).isEqualTo("no-cache");
    }

    @Test
    void theHostsFiles_areKeptWhileUnchanged_andReadAgainWhenTheyChange(@TempDir Path directory) throws Exception {
        Path italian = Files.writeString(directory.resolve("it.json"), "{\"label\": \"Ciao A\"}");
        var files = new WidgetFiles(List.of(directory));
        assertThat(bundle(files, "it").get("label").asText()).isEqualTo("Ciao A");
        for (int i = 0; i < 1_000; i++) {
            files.file("/messages/xx-zz" + i + ".json");
        }
        assertThat(files.cachedHostBundles()).as("only files that exist").isEqualTo(1);

        // The same size, a later modification time: read again.
        FileTime before = Files.getLastModifiedTime(italian);
        Files.writeString(italian, "{\"label\": \"Ciao B\"}");
        Files.setLastModifiedTime(italian, FileTime.fromMillis(before.toMillis() + 2_000));
        assertThat(bundle(files, "it").get("label").asText()).isEqualTo("Ciao B");

        // Deleted: gone from the site and from memory.
        Files.delete(italian);
        assertThat(files.bundle("it")).isEmpty();
        assertThat(files.cachedHostBundles()).isZero();
    }

    @Test
    void aBrokenHostBundle_failsWithAMessageThatSaysWhatToFix(@TempDir Path directory) throws Exception {
        Files.writeString(directory.resolve("it.json"), "{\"label\": ");
        Files.writeString(directory.resolve("nl.json"), "{\"count.one\": 1}");
        Files.write(
                directory.resolve("pt.json"),
                "x".repeat(WidgetFiles.MAX_BUNDLE_BYTES + 1).getBytes(StandardCharsets.UTF_8));
        var files = new WidgetFiles(List.of(directory));

        assertThatThrownBy(() -> files.bundle("it")).hasMessageContaining("it.json is not valid JSON");
        assertThatThrownBy(() -> files.bundle("nl"))
                .hasMessageContaining("under \"count.one\"; every value must be a string");
        assertThatThrownBy(() -> files.bundle("pt")).hasMessageContaining("larger than");
    }

    @Test
    void theBuilder_takesOnlyDirectories(@TempDir Path directory) throws Exception {
        Path file = Files.writeString(directory.resolve("de.json"), "{}");
        try (var fixture = new HelpSiteFixture()) {
            assertThatThrownBy(() -> KbWeb.builder(fixture.kb).messages(file))
                    .hasMessageContaining("is not a directory");
        }
    }
}

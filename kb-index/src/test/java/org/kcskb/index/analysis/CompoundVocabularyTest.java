package org.kcskb.index.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kcskb.KbException;

class CompoundVocabularyTest {
    @TempDir
    Path directory;

    @Test
    void create_startsFromSeedList() {
        CompoundVocabulary.Snapshot snapshot = CompoundVocabulary.create().snapshot();

        assertThat(snapshot.size()).isGreaterThan(300);
        for (String word : List.of("drucker", "treiber", "fehler", "problem", "passwort", "konto", "rechnung")) {
            assertThat(snapshot.frequency(word)).as(word).isPositive();
        }
    }

    @Test
    void empty_knowsNoWords() {
        assertThat(CompoundVocabulary.empty().snapshot().size()).isZero();
    }

    @Test
    void learn_countsWordsInNormalForm() {
        CompoundVocabulary vocabulary = CompoundVocabulary.empty();

        vocabulary.learn("Der Drücker und der Druecker: zwei Drucker-Probleme.");

        CompoundVocabulary.Snapshot snapshot = vocabulary.snapshot();
        assertThat(snapshot.frequency("druecker")).isEqualTo(2);
        assertThat(snapshot.frequency("Drücker")).isEqualTo(2);
        assertThat(snapshot.frequency("drucker")).isEqualTo(1);
        assertThat(snapshot.frequency("probleme")).isEqualTo(1);
    }

    @Test
    void unlearn_takesBackWhatOneTextTaught_neverMoreThanWasLearned() {
        CompoundVocabulary vocabulary = CompoundVocabulary.create();
        long seeded = vocabulary.snapshot().frequency("drucker");
        vocabulary.learn("Zebrafirmware blockiert den Drucker");
        vocabulary.learn("Der Drucker druckt");

        vocabulary.unlearn("Zebrafirmware blockiert den Drucker");
        assertThat(vocabulary.snapshot().frequency("zebrafirmware")).isZero();
        assertThat(vocabulary.snapshot().frequency("drucker")).isEqualTo(seeded + 1);

        // A text that was never learned, or taken back twice, cannot eat into the seed list.
        vocabulary.unlearn("Drucker Drucker Drucker Drucker Drucker Drucker Drucker Drucker Drucker Drucker Drucker");
        vocabulary.unlearn("Der Drucker druckt");
        assertThat(vocabulary.snapshot().frequency("drucker")).isEqualTo(seeded);
        assertThat(vocabulary.snapshot().frequency("druckt")).isZero();
    }

    @Test
    void learn_skipsWordsThatCannotBeParts() {
        CompoundVocabulary vocabulary = CompoundVocabulary.empty();

        vocabulary.learn("Fehler 0x80070005 bei Win11 mit dem Tool und einer App");

        CompoundVocabulary.Snapshot snapshot = vocabulary.snapshot();
        assertThat(snapshot.frequency("fehler")).isEqualTo(1);
        assertThat(snapshot.frequency("tool")).isEqualTo(1);
        assertThat(snapshot.frequency("win11")).isZero();
        assertThat(snapshot.frequency("einer")).as("stopword").isZero();
        assertThat(snapshot.frequency("app")).as("too short").isZero();
        assertThat(snapshot.size()).isEqualTo(2);
    }

    @Test
    void snapshot_isNotChangedByLaterLearning() {
        CompoundVocabulary vocabulary = CompoundVocabulary.empty();
        vocabulary.add("drucker", 1);
        CompoundVocabulary.Snapshot before = vocabulary.snapshot();

        vocabulary.add("drucker", 4);
        vocabulary.add("treiber", 1);

        assertThat(before.frequency("drucker")).isEqualTo(1);
        assertThat(before.frequency("treiber")).isZero();
        assertThat(vocabulary.snapshot().frequency("drucker")).isEqualTo(5);
        assertThat(vocabulary.snapshot().frequency("treiber")).isEqualTo(1);
    }

    @Test
    void snapshot_isReused_whileNothingChanges() {
        CompoundVocabulary vocabulary = CompoundVocabulary.create();

        assertThat(vocabulary.snapshot()).isSameAs(vocabulary.snapshot());
    }

    @Test
    void add_rejectsNonPositiveOccurrences() {
        assertThatThrownBy(() -> CompoundVocabulary.empty().add("drucker", 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'drucker'")
                .hasMessageContaining("positive");
    }

    @Test
    void addDictionary_readsWordsWithOptionalFrequenciesAndComments() throws Exception {
        Path file = directory.resolve("words.txt");
        Files.writeString(file, "# host words\nDruckertreiber\t7\n\nStraße\nwlan\t3\n", StandardCharsets.UTF_8);
        CompoundVocabulary vocabulary = CompoundVocabulary.empty();

        vocabulary.addDictionary(file);

        CompoundVocabulary.Snapshot snapshot = vocabulary.snapshot();
        assertThat(snapshot.frequency("druckertreiber")).isEqualTo(7);
        assertThat(snapshot.frequency("strasse")).isEqualTo(CompoundVocabulary.DEFAULT_FREQUENCY);
        assertThat(snapshot.frequency("wlan")).isEqualTo(3);
    }

    @Test
    void addDictionary_rejectsMalformedLine_andAddsNothing() throws Exception {
        Path file = directory.resolve("broken.txt");
        Files.writeString(file, "drucker\t5\ntreiber\tviele\n", StandardCharsets.UTF_8);
        CompoundVocabulary vocabulary = CompoundVocabulary.empty();

        assertThatThrownBy(() -> vocabulary.addDictionary(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Line 2 of " + file)
                .hasMessageContaining("'viele'")
                .hasMessageContaining("positive integer");
        assertThat(vocabulary.snapshot().size()).isZero();
    }

    @Test
    void addDictionary_reportsMissingFileAsKbException() {
        Path missing = directory.resolve("missing.txt");

        assertThatThrownBy(() -> CompoundVocabulary.empty().addDictionary(missing))
                .isInstanceOf(KbException.class)
                .hasMessageContaining(missing.toString());
    }

    @Test
    void writeTo_producesDictionaryThatRestoresTheCounts() {
        CompoundVocabulary original = CompoundVocabulary.empty();
        original.learn("Drucker Drucker Treiber Fehlermeldung");
        Path file = directory.resolve("vocabulary.txt");

        original.writeTo(file);
        CompoundVocabulary restored = CompoundVocabulary.empty();
        restored.addDictionary(file);

        CompoundVocabulary.Snapshot snapshot = restored.snapshot();
        assertThat(snapshot.size()).isEqualTo(3);
        assertThat(snapshot.frequency("drucker")).isEqualTo(2);
        assertThat(snapshot.frequency("fehlermeldung")).isEqualTo(1);
    }

    @Test
    void learn_fromManyThreads_losesNoCount() throws Exception {
        CompoundVocabulary vocabulary = CompoundVocabulary.empty();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> tasks = new ArrayList<>();
            for (int task = 0; task < 32; task++) {
                tasks.add(pool.submit(() -> {
                    for (int i = 0; i < 100; i++) {
                        vocabulary.learn("Drucker und Treiber");
                        vocabulary.snapshot();
                    }
                }));
            }
            for (Future<?> task : tasks) {
                task.get();
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(vocabulary.snapshot().frequency("drucker")).isEqualTo(3200);
        assertThat(vocabulary.snapshot().frequency("treiber")).isEqualTo(3200);
    }
}

package org.kcskb.language.opennlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class OpenNlpLanguageDetectorTest {
    private static final String GERMAN = "Der Drucker druckt nach dem Windows-Update nicht mehr. Installieren Sie den"
            + " aktuellen Druckertreiber und starten Sie die Druckerwarteschlange neu.";
    private static final String ENGLISH = "After the latest Windows update the printer no longer prints. Reinstall the"
            + " printer driver and restart the print spooler service.";
    private static final String FRENCH =
            "Le pilote de l'imprimante ne fonctionne plus après la mise à jour de Windows. Réinstallez le pilote.";

    private static final String GERMAN_MORE = "Falls die Anmeldung am Druckerportal fehlschlägt, prüfen Sie bitte"
            + " Benutzername und Kennwort. Bei gesperrtem Konto wenden Sie sich an den Service-Desk. Eine neue"
            + " Rechnung erhalten Sie über das Kundenportal; ältere Belege finden Sie im Archiv unter Dokumente."
            + " Sollte der Bildschirm schwarz bleiben, schließen Sie das Netzteil erneut an und warten Sie zwei"
            + " Minuten, bevor Sie das Gerät wieder einschalten. Zusätzliche Hinweise enthält das Handbuch.";
    private static final List<String> ENGLISH_MORE = List.of(
            "Users report that the mailbox stops synchronising whenever the laptop wakes from sleep.",
            "Check whether the certificate of the proxy has expired; renew it through the admin console.",
            "The spreadsheet crashes while recalculating formulas that reference external workbooks.",
            "Customers cannot download their monthly invoice because the portal times out.",
            "Headsets lose audio during calls when Bluetooth power saving is enabled on the dock.",
            "Shared calendars show duplicated meetings after the migration to the new tenant.",
            "Scanning to email fails because the relay requires authentication with modern protocols.",
            "The keyboard layout switches unexpectedly when a second language pack is installed.",
            "Employees working from home should connect through the gateway before opening internal sites.",
            "If the badge reader rejects your card, ask the reception desk to reactivate your access.",
            "Quarterly reports are generated overnight; expect a delay of roughly two hours on Mondays.",
            "Video conferences freeze when too many participants share their screens simultaneously.",
            "Temporary files accumulate in the profile folder and eventually exhaust the disk quota.",
            "Please attach the diagnostic bundle and describe which steps reproduce the behaviour.",
            "Wireless presenters occasionally disconnect because of interference from nearby access points.",
            "Mobile devices must be enrolled in management before corporate applications become available.",
            "Expense claims without receipts are returned automatically by the approval workflow.",
            "Printing large drawings requires the plotter queue, which only engineering staff may use.",
            "Account lockouts usually happen because an old phone keeps trying a previous password.",
            "Backups of personal drives run every night, and restores can be requested within thirty days.");

    private final OpenNlpLanguageDetector detection = OpenNlpLanguageDetector.create();

    @Test
    void detect_recognisesGermanParagraph() {
        assertThat(detection.detect(GERMAN)).contains(Locale.GERMAN);
    }

    @Test
    void detect_recognisesEnglishParagraph() {
        assertThat(detection.detect(ENGLISH)).contains(Locale.ENGLISH);
    }

    @Test
    void detect_recognisesQuestionsOfSeveralWords() {
        assertThat(detection.detect("Rechnung kann nicht geöffnet werden")).contains(Locale.GERMAN);
        assertThat(detection.detect("how do I change my password")).contains(Locale.ENGLISH);
    }

    @Test
    void detect_cannotTellOneWordQueries() {
        assertThat(detection.detect("drucker")).isEmpty();
        assertThat(detection.detect("update")).isEmpty();
        assertThat(detection.detect("Outlook")).isEmpty();
    }

    @Test
    void detect_cannotTellTextWithoutEnoughLetters() {
        assertThat(detection.detect("")).isEmpty();
        assertThat(detection.detect("VPN")).isEmpty();
        assertThat(detection.detect("0x80070005 !!")).isEmpty();
    }

    private static final String ITALIAN =
            "Il driver della stampante non funziona più dopo l'aggiornamento di Windows. Reinstallate il driver.";

    @Test
    void detect_doesNotReportUnsupportedLanguageAsSupportedOne() {
        assertThat(detection.detect(ITALIAN)).isEmpty();
        assertThat(OpenNlpLanguageDetector.forLanguages(Set.of(Locale.GERMAN, Locale.ENGLISH))
                        .detect(FRENCH))
                .isEmpty();
    }

    @Test
    void detect_recognisesFrenchByDefault() {
        assertThat(detection.languages()).containsExactlyInAnyOrder(Locale.GERMAN, Locale.ENGLISH, Locale.FRENCH);
        assertThat(detection.detect(FRENCH)).contains(Locale.FRENCH);
        assertThat(detection.detect("L'imprimante ne s'allume plus depuis ce matin"))
                .contains(Locale.FRENCH);
        assertThat(detection.detect("mot de passe oublié, impossible de me connecter"))
                .contains(Locale.FRENCH);
    }

    /**
     * Short English and German queries and titles (from the help-desk and shared evaluation sets) that French, as a
     * close runner-up, made undecided when it was added: decided again, as by a detector of German and English alone.
     */
    private static final List<String> SHORT_ENGLISH = List.of(
            "access point red light",
            "projector picture cut off",
            "account locked out",
            "scan to email not arriving",
            "remote access from home computer",
            "wifi cant connect certificate",
            "second screen not detected",
            "out of office reply",
            "tax certificate for tax return",
            "Name a luxury division of Toyota.",
            "Filter gmail messages without a label.",
            "Marking a card as done in trello?",
            "Special characters in google search.");

    private static final List<String> SHORT_GERMAN = List.of(
            "Wie bekomme ich Coronavirus?", "citrix von zuhause", "Wie lautet die Hauptidee von James Huttons Papier?");

    private static final List<String> SHORT_FRENCH = List.of(
            "imprimante ne marche pas",
            "mot de passe oublié",
            "impossible de me connecter au wifi",
            "le vpn ne se connecte pas",
            "compte bloqué",
            "je n'arrive pas à envoyer un mail",
            "réinitialiser le mot de passe",
            "la souris ne fonctionne pas",
            "ordinateur très lent",
            "point d'accès clignote rouge",
            "clavier bloqué");

    @Test
    void detect_withFrench_decidesShortEnglishAndGermanTextsAsWithoutIt() {
        OpenNlpLanguageDetector germanAndEnglish =
                OpenNlpLanguageDetector.forLanguages(Set.of(Locale.GERMAN, Locale.ENGLISH));
        for (String text : SHORT_ENGLISH) {
            assertThat(germanAndEnglish.detect(text)).as(text).contains(Locale.ENGLISH);
            assertThat(detection.detect(text)).as(text).contains(Locale.ENGLISH);
        }
        for (String text : SHORT_GERMAN) {
            assertThat(germanAndEnglish.detect(text)).as(text).contains(Locale.GERMAN);
            assertThat(detection.detect(text)).as(text).contains(Locale.GERMAN);
        }
    }

    @Test
    void detect_recognisesShortFrenchQueries() {
        for (String text : SHORT_FRENCH) {
            assertThat(detection.detect(text)).as(text).contains(Locale.FRENCH);
        }
    }

    @Test
    void readsFrench_seesAccentsElisionsAndFunctionWords_notEnglishOrGermanOnes() {
        assertThat(OpenNlpLanguageDetector.readsFrench("écran noir")).isTrue();
        assertThat(OpenNlpLanguageDetector.readsFrench("l'imprimante")).isTrue();
        assertThat(OpenNlpLanguageDetector.readsFrench("imprimante ne marche pas"))
                .isTrue();
        assertThat(OpenNlpLanguageDetector.readsFrench("access point red light"))
                .isFalse();
        assertThat(OpenNlpLanguageDetector.readsFrench("don't restart the spooler, it's busy"))
                .isFalse();
        assertThat(OpenNlpLanguageDetector.readsFrench("Fehler des Druckers, du musst neu starten"))
                .isFalse();
        assertThat(OpenNlpLanguageDetector.readsFrench("Drücken Sie Strg und Größe"))
                .isFalse();
    }

    @Test
    void detect_answersOnlyWithConfiguredLanguages() {
        OpenNlpLanguageDetector englishOnly = OpenNlpLanguageDetector.forLanguages(Set.of(Locale.ENGLISH));

        assertThat(englishOnly.detect(ENGLISH)).contains(Locale.ENGLISH);
        assertThat(englishOnly.detect(GERMAN)).isEmpty();
    }

    @Test
    void detect_withFrenchConfigured_recognisesFrench() {
        OpenNlpLanguageDetector withFrench = OpenNlpLanguageDetector.forLanguages(Set.of(Locale.GERMAN, Locale.FRENCH));

        assertThat(withFrench.detect(FRENCH)).contains(Locale.FRENCH);
    }

    @Test
    void detect_readsOnlyTheBeginningOfLongText() {
        // The model scores distinct n-grams, so repeating one paragraph would not outweigh the other.
        StringBuilder text = new StringBuilder(GERMAN).append(' ').append(GERMAN_MORE);
        int germanLength = text.length();
        ENGLISH_MORE.forEach(sentence -> text.append(' ').append(sentence));
        assertThat(germanLength).isLessThan(OpenNlpLanguageDetector.MAX_CHARS);
        assertThat(text.length() - germanLength).as("more English than German").isGreaterThan(2 * germanLength);

        assertThat(detection.detect(text.toString())).contains(Locale.GERMAN);
    }

    @Test
    void forLanguages_reportsRegionalLocalesByLanguage() {
        OpenNlpLanguageDetector swiss = OpenNlpLanguageDetector.forLanguages(Set.of(Locale.forLanguageTag("de-CH")));

        assertThat(swiss.languages()).containsExactly(Locale.GERMAN);
        assertThat(swiss.detect(GERMAN)).contains(Locale.GERMAN);
    }

    @Test
    void forLanguages_rejectsLanguageTheModelDoesNotKnow() {
        assertThatThrownBy(() -> OpenNlpLanguageDetector.forLanguages(Set.of(Locale.forLanguageTag("tlh"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'tlh'")
                .hasMessageContaining("deu");
    }

    @Test
    void forLanguages_rejectsEmptySet() {
        assertThatThrownBy(() -> OpenNlpLanguageDetector.forLanguages(Set.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one language");
    }

    @Test
    void detect_givesSameAnswersFromManyThreadsAtOnce() throws Exception {
        List<String> texts = List.of(GERMAN, ENGLISH, FRENCH, "drucker", "how do I change my password");
        List<Optional<Locale>> expected = texts.stream().map(detection::detect).toList();

        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<List<Optional<Locale>>>> results = new ArrayList<>();
            for (int thread = 0; thread < 16; thread++) {
                results.add(pool.submit(() -> {
                    List<Optional<Locale>> answers = new ArrayList<>();
                    for (int round = 0; round < 50; round++) {
                        answers.clear();
                        texts.forEach(text -> answers.add(detection.detect(text)));
                    }
                    return answers;
                }));
            }
            for (Future<List<Optional<Locale>>> result : results) {
                assertThat(result.get()).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}

package org.kcskb.language.opennlp;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import opennlp.tools.langdetect.Language;
import opennlp.tools.langdetect.LanguageDetectorME;
import opennlp.tools.langdetect.LanguageDetectorModel;
import org.kcskb.KbException;
import org.kcskb.language.LanguageDetector;

/**
 * Tells which of a few supported languages a text is in, or that it cannot tell: the {@link LanguageDetector} of
 * {@code kb-language}, registered for {@link java.util.ServiceLoader} (German, English and French: the languages
 * {@code kb-index} analyses in their own right, {@code org.kcskb.index.analysis.KbLanguages}), so that a knowledge base
 * finds it on the class path whatever search engine it uses. Thread-safe.
 *
 * <p>Wraps OpenNLP's language detector with the model of {@code opennlp-models-langdetect} (103 languages, the set of
 * distinct character n-grams of the text, so repetition adds no weight). The model's probabilities are spread over all its languages, so even a clear German paragraph scores only
 * about 0.1; the decision is therefore relative. A text is in language L when
 *
 * <ul>
 *   <li>L is at least {@value #MIN_ODDS} times as probable as the runner-up among the supported languages (or, with a
 *       single supported language, as the uniform baseline), and
 *   <li>L is at least {@value #NEAR_TOP} times as probable as the most probable language overall, so that Italian or
 *       Dutch text is not reported as one of the supported languages.
 * </ul>
 *
 * <p>French shares many n-grams with English (and some with German): short English queries such as "access point
 * red light" score French as a close runner-up. So French counts as a rival only for a text that shows a mark of
 * written French (an accent English and German do not write, an elision such as "l'", a French function word such as
 * "ne" or "pas"); and a text with such a mark whose most probable supported language is French is French without the
 * odds ("mot de passe oublié"). With French detected, short English and German texts are thus decided as they were
 * with German and English alone.
 *
 * <p>Otherwise the answer is empty, as it is for texts with fewer than {@value #MIN_LETTERS} letters. One-word queries
 * ("drucker", "update", "Outlook") come out empty, most questions of three or more words are recognised ("Drucker
 * druckt nicht", "how do I change my password"), paragraphs always are. An empty answer should make the caller search
 * every language rather than guess: a wrong language costs more than none.
 *
 * <p>Cost, measured on JDK 25 (x86-64): about 30 µs for a short query and 0.4 ms for an article, whose first
 * {@value #MAX_CHARS} characters are used (plenty for a paragraph-level decision, and it bounds the cost of long
 * articles). Loading the 10 MB model takes about a second and 40 MB of heap, once per JVM however many instances are
 * created.
 *
 * <p>OpenNLP's {@link LanguageDetectorME} is not documented as thread-safe (OpenNLP wraps it in a thread-local for
 * that). This class creates one per call around the shared immutable model instead: that costs about 0.3 µs, and
 * leaves nothing behind in pooled threads.
 */
public final class OpenNlpLanguageDetector implements LanguageDetector {
    /**
     * At the root of {@code opennlp-models-langdetect}: read through the class loader, which finds it in another
     * module too (on the module path the model jar is an automatic module of its own).
     */
    static final String MODEL_RESOURCE = "langdetect-183.bin";

    static final double MIN_ODDS = 1.5;
    static final double NEAR_TOP = 0.75;
    static final int MIN_LETTERS = 4;
    static final int MAX_CHARS = 1000;
    /** The ISO 639-3 code of French, whose written marks decide close calls between it and the others. */
    private static final String FRENCH = "fra";
    /** Letters with accents that French writes and German and English do not. */
    private static final String FRENCH_LETTERS = "éèêàâçùûôîïëœ";
    /** A word, and an apostrophe after it when it is elided ("l'", "qu'"). */
    private static final Pattern WORD = Pattern.compile("(\\p{L}+)(['’])?");
    /** The elided words of French: {@code l'}, {@code d'}, {@code n'}, ... */
    private static final Set<String> FRENCH_ELIDED = Set.of("l", "d", "n", "s", "j", "c", "m", "t", "qu", "jusqu");
    /** French function words that are neither English nor German words. */
    private static final Set<String> FRENCH_WORDS = Set.of(
            "le",
            "la",
            "les",
            "une",
            "ne",
            "pas",
            "et",
            "avec",
            "sur",
            "dans",
            "je",
            "il",
            "au",
            "aux",
            "cette",
            "qui",
            "que",
            "ou",
            "sont",
            "nous",
            "vous",
            "votre",
            "mes",
            "se",
            "depuis",
            "toujours",
            "rien");

    /** What {@link #create()} detects. */
    static final Set<Locale> DEFAULT_LANGUAGES = Set.of(Locale.GERMAN, Locale.ENGLISH, Locale.FRENCH);

    private static final Object MODEL_LOCK = new Object();
    private static volatile LanguageDetectorModel sharedModel;

    private final LanguageDetectorModel model;
    /** ISO 639-3 code of the model to the locale reported, in configuration order. */
    private final Map<String, Locale> languages;

    /**
     * Creates a detector for German, English and French, as {@link #create()}; used by {@link java.util.ServiceLoader}. Loads
     * the model on first use in the JVM.
     *
     * @throws KbException if the model cannot be loaded
     */
    public OpenNlpLanguageDetector() {
        this(create());
    }

    private OpenNlpLanguageDetector(OpenNlpLanguageDetector other) {
        this(other.model, other.languages);
    }

    private OpenNlpLanguageDetector(LanguageDetectorModel model, Map<String, Locale> languages) {
        this.model = model;
        this.languages = languages;
    }

    /**
     * Returns a detector for German, English and French, the languages the search index analyses in their own
     * right (an article detected as another language would be analysed language-neutrally anyway). Loads the model
     * on first use in the JVM.
     */
    public static OpenNlpLanguageDetector create() {
        return forLanguages(DEFAULT_LANGUAGES);
    }

    /**
     * Returns a detector that answers with one of {@code supported}; only the language of each locale counts
     * ({@code de-CH} is reported as {@code de}). Loads the model on first use in the JVM.
     *
     * @throws IllegalArgumentException if {@code supported} is empty or names a language the model does not know;
     *     the message lists the ones it knows
     * @throws KbException if the model cannot be loaded
     */
    public static OpenNlpLanguageDetector forLanguages(Set<Locale> supported) {
        Objects.requireNonNull(supported, "supported");
        if (supported.isEmpty()) {
            throw new IllegalArgumentException("Name at least one language to detect, such as Locale.GERMAN");
        }
        LanguageDetectorModel model = model();
        Set<String> known = new TreeSet<>(Arrays.asList(new LanguageDetectorME(model).getSupportedLanguages()));
        Map<String, Locale> languages = new LinkedHashMap<>();
        for (Locale locale : supported) {
            Objects.requireNonNull(locale, "supported language");
            String code = iso3(locale);
            if (!known.contains(code)) {
                throw new IllegalArgumentException("Language '" + locale.toLanguageTag()
                        + "' is not known to the language detection model; it knows (ISO 639-3) " + known);
            }
            languages.put(code, Locale.of(locale.getLanguage()));
        }
        return new OpenNlpLanguageDetector(model, Map.copyOf(languages));
    }

    /** Returns the languages this detector answers with. */
    public Set<Locale> languages() {
        return Set.copyOf(languages.values());
    }

    /**
     * Returns the language of {@code text}, or empty when the text is too short or too ambiguous to tell, or in a
     * language that is not supported.
     */
    @Override
    public Optional<Locale> detect(String text) {
        Objects.requireNonNull(text, "text");
        CharSequence sample = sample(text);
        if (letters(sample) < MIN_LETTERS) {
            return Optional.empty();
        }
        Language[] ranked = new LanguageDetectorME(model).predictLanguages(sample);
        double top = 0;
        Language best = null;
        for (Language language : ranked) {
            top = Math.max(top, language.getConfidence());
            if (languages.containsKey(language.getLang())
                    && (best == null || language.getConfidence() > best.getConfidence())) {
                best = language;
            }
        }
        if (best == null || best.getConfidence() < NEAR_TOP * top) {
            return Optional.empty();
        }
        boolean french = languages.containsKey(FRENCH) && readsFrench(sample);
        if (french && best.getLang().equals(FRENCH) && best.getConfidence() > runnerUp(ranked, best, true)) {
            // French written as French (an accent, an elision, a function word) and ahead: French.
            return Optional.of(languages.get(FRENCH));
        }
        // Short English and German texts score close to French (Latin words such as "certificate" or "division"
        // share its n-grams): without a mark of French, French is no rival to another language.
        boolean frenchRivals = french || best.getLang().equals(FRENCH);
        if (best.getConfidence() < MIN_ODDS * runnerUp(ranked, best, frenchRivals)) {
            return Optional.empty();
        }
        return Optional.of(languages.get(best.getLang()));
    }

    /**
     * The confidence of the most probable supported language other than {@code best} (French only when {@code
     * withFrench}), at least the uniform baseline.
     */
    private double runnerUp(Language[] ranked, Language best, boolean withFrench) {
        double runnerUp = 1.0 / ranked.length;
        for (Language language : ranked) {
            if (language != best
                    && languages.containsKey(language.getLang())
                    && (withFrench || !language.getLang().equals(FRENCH))) {
                runnerUp = Math.max(runnerUp, language.getConfidence());
            }
        }
        return runnerUp;
    }

    /**
     * Whether a text shows a mark of written French: a letter with an accent German and English do not use (é, è,
     * ê, à, â, ç, ù, û, ô, î, ï, ë, œ), an elision ("l'imprimante", "n'arrive"), or a French function word that is
     * no English or German word ("le", "ne", "pas", ...).
     */
    static boolean readsFrench(CharSequence text) {
        String lower = text.toString().toLowerCase(Locale.ROOT);
        for (int i = 0; i < lower.length(); i++) {
            if (FRENCH_LETTERS.indexOf(lower.charAt(i)) >= 0) {
                return true;
            }
        }
        Matcher words = WORD.matcher(lower);
        while (words.find()) {
            if (words.group(2) != null && FRENCH_ELIDED.contains(words.group(1))) {
                return true;
            }
            if (words.group(2) == null && FRENCH_WORDS.contains(words.group(1))) {
                return true;
            }
        }
        return false;
    }

    /** The first {@value #MAX_CHARS} characters, cut at a space so that no word is cut in half. */
    private static CharSequence sample(CharSequence text) {
        if (text.length() <= MAX_CHARS) {
            return text;
        }
        int end = MAX_CHARS;
        while (end > MAX_CHARS / 2 && !Character.isWhitespace(text.charAt(end))) {
            end--;
        }
        return text.subSequence(0, end);
    }

    private static int letters(CharSequence text) {
        int letters = 0;
        for (int i = 0; i < text.length() && letters < MIN_LETTERS; i++) {
            if (Character.isLetter(text.charAt(i))) {
                letters++;
            }
        }
        return letters;
    }

    private static String iso3(Locale locale) {
        try {
            return locale.getISO3Language();
        } catch (MissingResourceException e) {
            throw new IllegalArgumentException(
                    "Language '" + locale.toLanguageTag() + "' has no ISO 639-3 code; use a language such as 'de'", e);
        }
    }

    @Override
    public String toString() {
        return "OpenNLP language detector "
                + languages().stream().map(Locale::toLanguageTag).sorted().toList();
    }

    /** Loads the model once per JVM; it is immutable and shared by all detectors. */
    private static LanguageDetectorModel model() {
        LanguageDetectorModel model = sharedModel;
        if (model != null) {
            return model;
        }
        synchronized (MODEL_LOCK) {
            if (sharedModel == null) {
                try (InputStream in =
                        OpenNlpLanguageDetector.class.getClassLoader().getResourceAsStream(MODEL_RESOURCE)) {
                    if (in == null) {
                        throw new KbException("The language detection model " + MODEL_RESOURCE
                                + " is not on the classpath; add org.apache.opennlp:opennlp-models-langdetect");
                    }
                    sharedModel = new LanguageDetectorModel(in);
                } catch (IOException e) {
                    throw new KbException(
                            "Cannot load the language detection model " + MODEL_RESOURCE + ": " + e.getMessage(), e);
                }
            }
            return sharedModel;
        }
    }
}

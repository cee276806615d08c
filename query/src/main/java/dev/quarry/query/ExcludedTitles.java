package dev.quarry.query;

import dev.quarry.query.interpret.HtmlEntities;
import dev.quarry.query.interpret.Spelling;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.tartarus.snowball.ext.EnglishStemmer;

/**
 * Tells which documents are <em>about</em> an excluded entity: those whose title names it ("not
 * Redux" names a document titled "Redux (JavaScript library)"). Documents that only mention the
 * entity in their text are left to the soft vector penalty, because the wanted document often
 * mentions what is excluded (docs/decisions/0004-negation.md).
 *
 * <p>A title names the entity when its words (case, accents, punctuation, possessives and a few
 * function words folded away) are all in the excluded span, or the span's words are all in the
 * title; a trailing "(…)" disambiguation is optional. When some title also matches with its
 * disambiguation ("the 1982 film Red Kite" and "Red Kite (1982 film)"), only such titles count, so
 * that "Red Kite (2014 film)" is not taken for the excluded one. A title whose words the positive
 * part of the query also contains is what the user asks about, so it never counts.
 *
 * <p>When no title matches so, a title can still be {@link Match#NEAR near}: its words match the
 * span's but for one word with a wrong, missing, extra or swapped letter, in a word of five letters
 * or more ("Hallstat" for "Hallstatt"). Near titles count only where no candidate matches better,
 * so a misspelt name never costs a document that the span names exactly. The same tolerance keeps
 * titles that the positive part nearly names from counting at all.
 */
final class ExcludedTitles {
  /** How well a title names the excluded entity. */
  enum Match {
    NONE,
    /**
     * Consecutive words of the span spell the title's words alike but not the same ("Shelby Grene"
     * for "Shelbey Greene"), as names heard or transliterated are: each word at least half its
     * letters right, three quarters over the whole name.
     */
    ALIKE,
    /** The title without its disambiguation matches, but for one letter in one long word. */
    NEAR,
    /** The title without its disambiguation matches. */
    BASE,
    /** The whole title, disambiguation included, is in the span. */
    FULL
  }

  /**
   * Words that name a set of things, or a kind of document, rather than which things (singular, see
   * {@link #singular}).
   */
  private static final Set<String> SET_WORDS =
      Set.of(
          "one",
          "model",
          "version",
          "line",
          "series",
          "range",
          "release",
          "edition",
          "variant",
          "kind",
          "type",
          "thing",
          "item",
          "option",
          "brand",
          "product",
          "stuff",
          "anything",
          // Kinds of document: "the saltwater entries", "the Sicilian notes" name what they are
          // about by the other words.
          "entry",
          "post",
          "article",
          "page",
          "note",
          "doc",
          "document",
          "guide",
          "tutorial",
          "chapter",
          "section",
          "manual",
          "paper",
          "recipe",
          "review");

  /**
   * A plural folded to its singular, lightly ("phones", "batteries", "boxes"), so that "the Pro
   * phones" names a title with "Phone" in it; both sides are folded alike, so a name that ends in
   * "s" still matches itself.
   */
  static String singular(String w) {
    if (w.length() <= 3 || !w.endsWith("s") || w.endsWith("ss") || w.endsWith("us")) {
      return w;
    }
    if (w.endsWith("ies") && w.length() > 4) {
      return w.substring(0, w.length() - 3) + "y";
    }
    if (w.endsWith("ches") || w.endsWith("shes") || w.endsWith("xes")) {
      return w.substring(0, w.length() - 2);
    }
    return w.substring(0, w.length() - 1);
  }

  /**
   * Words of a clause around the entity that name nothing ("anything that has chicken in it", "the
   * ones which use Kafka"): pronouns, relative words, auxiliaries and verbs of having or
   * mentioning, folded as the span's words are.
   */
  static final Set<String> CLAUSE_WORDS =
      Stream.of(
              "it",
              "its",
              "they",
              "them",
              "their",
              "this",
              "that",
              "these",
              "those",
              "which",
              "who",
              "whose",
              "where",
              "is",
              "are",
              "was",
              "were",
              "be",
              "been",
              "has",
              "have",
              "had",
              "does",
              "did",
              "contains",
              "containing",
              "mentions",
              "mentioning",
              "involves",
              "involving",
              "uses",
              "using",
              "made",
              "includes",
              "including",
              "features",
              "featuring",
              "about",
              "any",
              "some",
              "all",
              "other")
          .map(ExcludedTitles::singular)
          .collect(Collectors.toUnmodifiableSet());

  /**
   * A place title with its region after a comma, as encyclopedias disambiguate places
   * ("Lillehammer, Innlandet"): the region, one to three capitalised words, may be left out like a
   * "(…)".
   */
  private static final Pattern PLACE =
      Pattern.compile("^([^,]+), ((?:\\p{Lu}[\\p{L}.]*)(?: \\p{Lu}[\\p{L}.]*){0,2})$");

  /** Words that say nothing about which entity is meant. */
  static final Set<String> FUNCTION_WORDS =
      Set.of("the", "a", "an", "of", "in", "on", "and", "for", "to", "by", "at", "with", "from");

  /**
   * A function word joined by a hyphen to the next word ("on-policy", "in-house"): the pair is one
   * word, so that "on-policy" does not name every text about a policy, nor "off-policy" ones.
   */
  private static final Pattern FUNCTION_PREFIX =
      Pattern.compile("\\b(" + String.join("|", FUNCTION_WORDS) + ")-(?=\\p{L})");

  /**
   * An accented letter standing alone between spaces, as text copied from some renderings has it
   * ("Caf é", "Sm å land"): a word broken around the letter, joined back.
   */
  private static final Pattern SPLIT_ACCENT =
      Pattern.compile("(\\p{L}) ([\\p{L}&&[^\\p{ASCII}]])(?!\\p{L})(?: (\\p{Ll}+))?");

  private final Set<String> span;

  /**
   * The span's words that name the entity: without the words the positive part also has (the topic:
   * "phones" in "phones but not Pro phones") and without words that only say "a set of them" ("the
   * Pro models", "sparse ones", "the 2.x series"). A title with all of them names one member of the
   * excluded set: a product line, a release series.
   */
  private final Set<String> core;

  /**
   * A span that lists several entities ("Windows and macOS", "chicken or beef"): each one's naming
   * words, as {@link #core}; empty for a span that names one.
   */
  private final List<Set<String>> listed;

  /** The span's content words in order, for {@link #alike}. */
  private final List<String> spanWords;

  /** Folded words of the span written with a capital or a digit: the names in it. */
  private final Set<String> spanNames;

  /** {@link #core} as stems, for matching a kind in any form (decision 0158). */
  private final List<String> coreStems;

  /**
   * Members of a series the excluded part names by its prefix, in a title or a text's lead: "the
   * 3.x releases" names versions 3.0, 3.12 …, "an M" the models M1, M3s … (decision 0165); null
   * when it names none.
   */
  private final Pattern series;

  private final List<String> spanTokens;
  private final Set<String> positive;
  private final List<String> positiveTokens;

  /**
   * An all-capital word of two to six letters: an abbreviation, which names a kind or a feature
   * ("GPS", "NSAIDs", "SSD") as often as a name, and is said in a predicate like a kind ("… is an
   * NSAID"), so it counts as a kind (decision 0158).
   */
  private static final Pattern ACRONYM = Pattern.compile("\\p{Lu}{2,6}s?");

  ExcludedTitles(String excluded, String positive) {
    this.spanNames = new HashSet<>();
    for (String w : excluded.split("\\s+")) {
      if (w.codePoints().anyMatch(c -> Character.isUpperCase(c) || Character.isDigit(c))
          && !ACRONYM.matcher(w).matches()) {
        tokens(w).forEach(t -> spanNames.add(singular(t)));
      }
    }
    this.spanTokens = tokens(excluded);
    this.span = contentWords(spanTokens);
    this.spanWords = List.copyOf(span);
    this.positiveTokens = tokens(positive);
    this.positive = contentWords(positiveTokens);
    Set<String> named = new LinkedHashSet<>(span);
    named.removeAll(this.positive);
    named.removeAll(SET_WORDS);
    named.removeAll(CLAUSE_WORDS);
    this.core = named;
    this.coreStems = stems(named);
    this.listed = listed(excluded, this.positive);
    this.series = series(named);
  }

  /**
   * What the excluded part names, one entry a thing: each listed entity's naming words ("chicken or
   * beef"), else the span's ({@link #core}); empty when it names nothing of its own.
   */
  List<Set<String>> things() {
    return !listed.isEmpty() ? listed : core.isEmpty() ? List.of() : List.of(core);
  }

  /** A version wildcard ("3.x", folded "3x") or a line's one or two letters ("M"). */
  private static final Pattern VERSION_WILDCARD = Pattern.compile("(\\d+)x");

  private static final Pattern LINE_LETTERS = Pattern.compile("[a-z]{1,2}");

  private static Pattern series(Set<String> core) {
    if (core.size() != 1) {
      return null;
    }
    String w = core.iterator().next();
    Matcher version = VERSION_WILDCARD.matcher(w);
    if (version.matches()) {
      return Pattern.compile("(?<![\\w.])" + version.group(1) + "\\.\\d+");
    }
    return LINE_LETTERS.matcher(w).matches()
        ? Pattern.compile("(?<![\\w-])" + w + "\\d+[a-z]?\\b", Pattern.CASE_INSENSITIVE)
        : null;
  }

  /** Whether the text names a member of the excluded series ({@link #series}). */
  private boolean namesSeries(String text) {
    return series != null && series.matcher(text).find();
  }

  /**
   * Whether a title names an excluded kind in another form of its words ("Installing Tansel on
   * Linux" for "the install guides"): as a text's opening may (decision 0158).
   */
  private boolean namesKindInOtherForm(Set<String> titleWords) {
    return !coreStems.isEmpty()
        && isKind(core)
        && new HashSet<>(stems(titleWords)).containsAll(coreStems);
  }

  /** Whether naming words name a kind of thing: none of them is a name written in the span. */
  private boolean isKind(Collection<String> naming) {
    return naming.stream().noneMatch(spanNames::contains);
  }

  /** A list's separators: commas, slashes, "and", "or", "nor". */
  private static final Pattern LIST = Pattern.compile("\\s*(?:,|/|\\b(?:and|or|nor)\\b)\\s*");

  private static List<Set<String>> listed(String excluded, Set<String> positive) {
    String[] parts = LIST.split(HtmlEntities.unescape(excluded).replace("&", " and "));
    if (parts.length < 2) {
      return List.of();
    }
    List<Set<String>> out = new ArrayList<>();
    for (String part : parts) {
      Set<String> named = contentWords(tokens(part));
      named.removeAll(positive);
      named.removeAll(SET_WORDS);
      named.removeAll(CLAUSE_WORDS);
      if (named.isEmpty()) {
        return List.of(); // "X and others", "sizes S, M": not a list of entities
      }
      out.add(named);
    }
    return List.copyOf(out);
  }

  /** How {@code title} names the excluded entity. */
  Match match(String title) {
    if (title == null || span.isEmpty()) {
      return Match.NONE;
    }
    String base = title.replaceAll("\\s*\\([^)]*\\)\\s*$", "");
    List<String> baseTokens = tokens(base);
    Set<String> baseWords = contentWords(baseTokens);
    String compact = String.join("", baseTokens);
    if (baseWords.isEmpty()) {
      return Match.NONE;
    }
    if ((nearlyContains(positive, baseWords) || inRun(positiveTokens, compact))
        && !onlyNameInSpan(baseWords, compact)) {
      // The positive part names it too, so it is what the user asks about, unless the excluded
      // part names nothing else ("Ana's years at Vestby FK, without the history of Vestby FK").
      return Match.NONE;
    }
    if (!base.equals(title) && span.containsAll(words(title))) {
      return Match.FULL;
    }
    if (span.containsAll(baseWords)
        || baseWords.containsAll(span)
        || inRun(spanTokens, compact)
        || (!core.isEmpty() && baseWords.containsAll(core))
        || listed.stream().anyMatch(baseWords::containsAll)
        || namesKindInOtherForm(baseWords)
        || namesSeries(base)) {
      return Match.BASE;
    }
    Matcher place = PLACE.matcher(base);
    Set<String> placeWords = place.matches() ? words(place.group(1)) : Set.of();
    if (!placeWords.isEmpty()
        && span.containsAll(placeWords)
        && !nearlyContains(positive, placeWords)) {
      return Match.BASE; // "Lillehammer, Innlandet" for "the town of Lillehammer"
    }
    if (nearlyContains(span, baseWords) || nearlyContains(baseWords, span)) {
      return Match.NEAR;
    }
    return alike(spanWords, List.copyOf(baseWords)) ? Match.ALIKE : Match.NONE;
  }

  /**
   * Whether the span names this title and no other name: its other words are lower-case and without
   * digits ("the history of Vestby FK", "Vestby FK itself"), unlike "Mia Lund's album Quiet Hours"
   * or "the Python 2 changes", which name something else beside it.
   */
  private boolean onlyNameInSpan(Set<String> baseWords, String compact) {
    if (String.join("", spanTokens).equals(compact)) {
      return true;
    }
    if (!span.containsAll(baseWords)) {
      return false;
    }
    Set<String> others = new HashSet<>(spanNames);
    others.removeAll(baseWords);
    others.removeAll(FUNCTION_WORDS);
    return others.isEmpty();
  }

  /** How many of a text's first words tell what it is about: its subject and first predicate. */
  static final int LEAD_WORDS = 8;

  /**
   * How far into a long first sentence a kind of thing can still be what the text is about
   * ("Orvane's 2021 lens for full-frame bodies is a standard zoom"): its predicate, before the
   * asides.
   */
  static final int SENTENCE_WORDS = 30;

  /** The end of a sentence: a full stop, question or exclamation mark before a space. */
  private static final Pattern SENTENCE_END = Pattern.compile("[.!?](?=\\s)");

  /** Marks that end a clause inside a sentence: the contrast a word sets holds up to one. */
  private static final Pattern CLAUSE_END = Pattern.compile("[,;:()\\[\\]\u2013\u2014]|\\s-+\\s");

  /**
   * Words that set a name against the text's subject, or relate the subject to it, when they come
   * before it in its clause ("unlike gin", "softer than any rum", "an alternative to Redux", "like
   * Kafka").
   */
  private static final Set<String> CONTRAST =
      Set.of(
          "unlike",
          "than",
          "instead",
          "rather",
          "not",
          "no",
          "never",
          "neither",
          "nor",
          "without",
          "versus",
          "vs",
          "besides",
          "except",
          "compared",
          "replacing",
          "replace",
          "beyond",
          "alternative",
          "like",
          "similar",
          "successor",
          "predecessor",
          "inspired",
          "after",
          "following",
          "before");

  /** Words just after a name that say the text lacks it ("gin-free", "rum-less"). */
  private static final Set<String> LACKS = Set.of("free", "less", "alternative", "substitute");

  /**
   * Words shortly before a name that say the text lacks it or is not it ("has no GPS", "a
   * non-drowsy tablet", "without meat at all", "unlike the Pro"); apostrophes are folded away.
   */
  private static final Set<String> NEGATORS =
      Set.of(
          "no", "not", "without", "never", "nor", "unlike", "dont", "doesnt", "isnt", "arent",
          "cannot", "cant", "wont");

  /** A prefix that negates only the word it is joined to: "non-drowsy", not "non-drowsy tablet". */
  private static final String NON = "non";

  /** How many words before a name a negation reaches: "no built-in GPS", "no meat at all". */
  private static final int NEGATION_REACH = 3;

  /** A sentence's end, across which no negation reaches. */
  static final Pattern SENTENCE_MARK = Pattern.compile("[.;:!?](?=\\s|$)");

  /**
   * Whether a document names the excluded entity only as something it lacks or is not: it names it
   * in its title or text, and every mention of a naming word ({@link #core}) follows a negation in
   * its sentence or comes before "-free" ("a band with no GPS" for "watches, no GPS models"). Such
   * a document is what an exclusion leaves <em>in</em> (decision 0152).
   */
  boolean onlyNegates(String title, String text) {
    if (core.isEmpty()) {
      return false;
    }
    boolean named = false;
    for (String part : new String[] {title, text}) {
      for (String sentence : part == null ? new String[0] : SENTENCE_MARK.split(part)) {
        List<String> words = tokens(sentence);
        for (int i = 0; i < words.size(); i++) {
          if (core.contains(singular(words.get(i)))) {
            if (!negated(words, i)) {
              return false;
            }
            named = true;
          }
        }
      }
    }
    return named;
  }

  static boolean negated(List<String> words, int at) {
    if (at + 1 < words.size() && LACKS.contains(words.get(at + 1))
        || at > 0 && words.get(at - 1).equals(NON)) {
      return true;
    }
    for (int i = Math.max(0, at - NEGATION_REACH); i < at; i++) {
      if (NEGATORS.contains(words.get(i))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the text is about the excluded entity by how it opens: its first {@link #LEAD_WORDS}
   * words name all of the entity's naming words (see {@link #core}, or one listed entity's), in one
   * clause, with no contrast word before them in that clause and no "-free" after. A <em>kind</em>
   * of thing (naming words all lower case: "zooms", "the gravel ones") may be named anywhere in the
   * first sentence (up to {@link #SENTENCE_WORDS} words), since a text says what kind its subject
   * is in the predicate ("… is a telephoto zoom"); a name is the subject of its own text, so a name
   * past the lead is a mention. What a clause sets against its subject ("lighter than any of its
   * zooms") or a later sentence names is in passing (decisions 0054, 0100).
   */
  boolean leadNames(String text) {
    return leadNames(text, false);
  }

  /**
   * As {@link #leadNames(String)}; with {@code attribute}, a name too counts anywhere in the first
   * sentence: other candidates name the excluded part only as what they lack ("it has no GPS"), so
   * it is a feature documents have or lack, and a first sentence that names it unnegated says the
   * document has it ("a sports watch with dual-band GPS"; decision 0158).
   */
  boolean leadNames(String text, boolean attribute) {
    if (text == null) {
      return false;
    }
    if (series != null && namesSeries(lead(text))) {
      return true;
    }
    int from = 0;
    for (List<String> clause : firstSentenceClauses(text)) {
      if (namedIn(clause, from, core, coreStems, attribute)) {
        return true;
      }
      for (Set<String> entity : listed) {
        if (namedIn(clause, from, entity, null, attribute)) {
          return true;
        }
      }
      from += clause.size();
    }
    return false;
  }

  /**
   * Whether the clause, starting at word {@code from} of the text, names {@code naming}: within the
   * lead, or anywhere if it is a kind rather than a name, or an attribute. With {@code
   * namingStems}, a kind may be named in another form of its words; only the whole span's words are
   * matched so: one item of a list read out of a span ("the nickname or location of …") is often
   * one generic word, and its other forms open many unrelated texts.
   */
  private boolean namedIn(
      List<String> clause,
      int from,
      Set<String> naming,
      List<String> namingStems,
      boolean attribute) {
    boolean kind = isKind(naming);
    int at = namedAt(clause, clause, naming);
    if (at < 0 && kind && namingStems != null) {
      at = namedAt(clause, stems(clause), namingStems);
    }
    return at >= 0 && (from + at < LEAD_WORDS || attribute || kind);
  }

  /**
   * Words reduced to their stems ("deployment" and "deploy", "deprecated" and "deprecates";
   * Lucene's Snowball English stemmer), for kinds of thing only: a common word is said in many
   * forms, a name in one (decision 0158).
   */
  private static List<String> stems(Collection<String> words) {
    EnglishStemmer stemmer = new EnglishStemmer();
    List<String> out = new ArrayList<>(words.size());
    for (String w : words) {
      stemmer.setCurrent(singular(w));
      stemmer.stem();
      out.add(singular(stemmer.getCurrent()));
    }
    return out;
  }

  /** The text's first {@link #LEAD_WORDS} words as written, within its first sentence. */
  private static String lead(String text) {
    String[] words = text.strip().split("\\s+", LEAD_WORDS + 1);
    String head =
        String.join(" ", Arrays.asList(words).subList(0, Math.min(LEAD_WORDS, words.length)));
    Matcher end = SENTENCE_END.matcher(head);
    return end.find() ? head.substring(0, end.start()) : head;
  }

  /**
   * The text's first sentence as written, read from at most 3 × {@link #SENTENCE_WORDS} of its
   * words: a candidate's whole text can be long, and a search reads many.
   */
  static String firstSentence(String text) {
    String[] opening = text.strip().split("\\s+", 3 * SENTENCE_WORDS + 1);
    String head =
        String.join(
            " ", Arrays.asList(opening).subList(0, Math.min(3 * SENTENCE_WORDS, opening.length)));
    Matcher end = SENTENCE_END.matcher(head);
    return end.find() ? head.substring(0, end.start()) : head;
  }

  /** The folded words of the text's first sentence, clause by clause, at most SENTENCE_WORDS. */
  private static List<List<String>> firstSentenceClauses(String text) {
    String sentence = firstSentence(text);
    List<List<String>> clauses = new ArrayList<>();
    int left = SENTENCE_WORDS;
    for (String part : CLAUSE_END.split(sentence)) {
      List<String> words = tokens(part);
      if (left <= 0) {
        break;
      }
      if (!words.isEmpty()) {
        clauses.add(words.subList(0, Math.min(left, words.size())));
        left -= words.size();
      }
    }
    return clauses;
  }

  /**
   * Where {@code clause} names the {@code naming} words: the index of the first, when it has all of
   * them, none after a contrast word of the clause and the last not followed by a word that says
   * the text lacks it; otherwise -1. {@code forms} are the clause's words as they are compared with
   * {@code naming} (the words themselves, or their stems), position by position.
   */
  private static int namedAt(List<String> clause, List<String> forms, Collection<String> naming) {
    if (naming.isEmpty()) {
      return -1;
    }
    int first = -1;
    int last = -1;
    for (String w : naming) {
      int at = -1;
      for (int i = 0; i < forms.size() && at < 0; i++) {
        if (singular(forms.get(i)).equals(w)) {
          at = i;
        }
      }
      if (at < 0) {
        return -1;
      }
      first = first < 0 ? at : Math.min(first, at);
      last = Math.max(last, at);
    }
    for (int i = 0; i < first; i++) {
      if (CONTRAST.contains(clause.get(i))) {
        return -1;
      }
    }
    if (first > 0 && clause.get(first - 1).equals(NON)) {
      return -1;
    }
    return last + 1 >= clause.size() || !LACKS.contains(clause.get(last + 1)) ? first : -1;
  }

  /** Whether consecutive words of {@code span} spell {@code name}'s words alike, in order. */
  private static boolean alike(List<String> span, List<String> name) {
    if (String.join("", name).length() < 8) {
      return false; // too short to tell a misspelt name from another word
    }
    for (int i = 0; i + name.size() <= span.size(); i++) {
      double sum = 0;
      int k = 0;
      for (; k < name.size(); k++) {
        double s = Spelling.similarity(span.get(i + k), name.get(k));
        if (s < 0.5) {
          break;
        }
        sum += s;
      }
      if (k == name.size() && sum / name.size() >= (name.size() == 1 ? 0.8 : 0.75)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether every word of {@code needles} is in {@code hay}, one of them possibly misspelt by a
   * letter. Only one: "Harbor Lights" is not "Harbour Nights".
   */
  private static boolean nearlyContains(Set<String> hay, Set<String> needles) {
    int misspelt = 0;
    for (String n : needles) {
      if (!hay.contains(n)) {
        if (++misspelt > 1 || hay.stream().noneMatch(h -> Spelling.oneLetterApart(h, n))) {
          return false;
        }
      }
    }
    return true;
  }

  /**
   * Whether consecutive tokens, joined without spaces, spell {@code compact}: the same name spaced
   * differently ("A.B. Lindqvist" and "A. B. Lindqvist", "Kiki-b o b o" and "Kiki-Bóbó").
   */
  private static boolean inRun(List<String> tokens, String compact) {
    if (compact.length() < 5) {
      return false; // too short to tell a name from a piece of a word
    }
    for (int i = 0; i < tokens.size(); i++) {
      StringBuilder run = new StringBuilder();
      for (int j = i; j < tokens.size() && run.length() < compact.length(); j++) {
        run.append(tokens.get(j));
      }
      if (run.toString().equals(compact)) {
        return true;
      }
    }
    return false;
  }

  /** Folded content words: lower case, no accents, possessives or punctuation. */
  static Set<String> words(String s) {
    return contentWords(tokens(s));
  }

  private static Set<String> contentWords(List<String> tokens) {
    return tokens.stream()
        .filter(w -> !FUNCTION_WORDS.contains(w))
        .map(ExcludedTitles::singular)
        .collect(Collectors.toCollection(LinkedHashSet::new));
  }

  /** Folded tokens in order, function words included. */
  static List<String> tokens(String s) {
    if (s == null) {
      return List.of();
    }
    String unescaped = HtmlEntities.unescape(s);
    String joined =
        SPLIT_ACCENT
            .matcher(Normalizer.normalize(unescaped, Normalizer.Form.NFC))
            .replaceAll("$1$2$3");
    String plain = Normalizer.normalize(joined, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
    String folded =
        FUNCTION_PREFIX
            .matcher(plain.toLowerCase(Locale.ROOT))
            .replaceAll("$1")
            .replaceAll("['’]s\\b", "")
            .replaceAll("[.'’]", "")
            .replaceAll("[^\\p{L}\\p{N}]+", " ")
            .trim();
    return folded.isEmpty() ? List.of() : List.of(folded.split(" "));
  }
}

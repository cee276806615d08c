package dev.quarry.query.interpret;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Detects that a query asks for fresh results: the newest item or event ("latest", "newest", "this
 * week", "announced on Tuesday") or a situation still unfolding ("is heading for", "are being
 * recalled"). Words were chosen on our own sentences and the tuning splits of RealTime QA and
 * RecencyQA; false triggers are measured on RecencyQA (docs/evaluations.md, decisions/0021).
 *
 * <p>Words that ask for the present state of something ("current", "currently", "right now",
 * "nowadays", "these days", "as of now") are not cues: that state mostly changes over years ("the
 * current mayor of …"), and on RecencyQA's tuning split "current" and "currently" were most of the
 * triggers on slow-changing questions. Use {@code RecencyMode.FORCED} when the present state
 * changes quickly (prices, weather, standings).
 */
public final class EnglishRecencyCues {
  private static final Pattern CUES =
      Pattern.compile(
          // Not inside a hyphenated word: "code-breaking" is no news. "The latest date to sow"
          // is a deadline, not a wish for fresh results.
          // "Earliest or latest" names a setting's two values ("offset reset latest or
          // earliest"), not a wish for the newest.
          "(?<![\\w-])(?<!(?:earliest|oldest) (?:or|and|vs|versus) )"
              // Nor is "the latest check-in time" or "latest planting date": a deadline named by
              // what it is for (decision 0151).
              + "(latest(?! (?:(?:(?-i:[a-z]+-[a-z]+|[a-z]+ing)|arrival|departure|delivery|return"
              + "|cutoff|bed) ?)?(?:time|date|day|hour|minute|moment|point|age|possible)\\b"
              // "The latest train home": the last departure of the day, a deadline too; "latest
              // ferry routes" asks for news.
              + "| (?:train|bus|tram|ferry|boat|flight|departure|connection)s?"
              + "(?: (?:from|to|home|back|out|tonight|leaving)\\b|\\s*[?.!]?$))"
              + "(?! (?:or|and|vs|versus) (?:earliest|oldest)\\b)"
              // "I recently moved my tank" tells the asker's own past, not a wish for news.
              // "Recent files", "recently opened": a program's list of what the user last touched.
              + "|newest|most recent|recent(?! (?:files|documents|docs|items|searches|calls|apps|tabs"
              + "|projects|contacts|places|downloads|history|list)\\b)"
              + "|(?<!\\b(?:i|we|i've|we've|i have|we have|i had|we had) )"
              // "Lately" as "recently": "what did I write lately about the move" (decision 0170).
              + "(?:recently|lately)(?! (?:i|we|opened|used|closed|viewed|played|deleted)\\b)"
              // "What's new in Python 3.12" names one version's changelog (decision 0170).
              + "|what(?:'s| is|s) new\\b(?! in [\\w .-]{1,30}?\\bv?\\d+\\.\\d+)|"
              + "up[- ]?to[- ]date|this (?:week|month|year|morning|weekend)|"
              // The newest few of something, or a short span up to now: "my last few journal
              // entries", "from the last couple days", "anything new on the migration" (decision
              // 0170).
              + "(?:last|past) (?:few|couple(?: of)?|several|\\d{1,2}|two|three) (?:\\w+ )?"
              + "(?:entries|notes|posts|messages|emails|meetings|days|weeks|commits|changes|updates"
              + "|runs|logs|sessions|issues|workouts|episodes)\\b|last entries\\b"
              + "|(?:anything|something) new (?:on|about|in|with|from)\\b|"
              + "today|tonight|yesterday|last (?:week|night|month)|"
              // A day or a week some days back: "what did I cook two days ago" (decision 0184).
              + "(?:"
              + EnglishWindows.AGO_COUNT
              + ") (?:days?|weeks?) ago\\b|"
              // "The last time I planted garlic": the asker's newest note on it (decision 0151).
              + "last time (?:i|we)\\b|"
              // "The current version" of a product is its newest release; "current" alone asks
              // for a present state (see above).
              + "current (?:version|release|model|lineup|line-up|generation|edition)s?\\b|past (?:week|few days)|just (?:released|announced|launched)|"
              // "Breaking" is news only as "breaking news" or a "Breaking:" headline: "breaking
              // changes", "breaking in new boots" and "breaking strength" are not.
              + "breaking(?=\\s+(?:news|story|stories|reports?|headlines?)\\b|\\s*:)|new release|newly|"
              // News phrasing ("announced", "this fall"), added from RealTime QA's tuning split;
              // on RecencyQA's tuning split they fire on 1 of 358 slow-changing questions. Weekday
              // names were cues too until decision 0170: in a user's own notes and docs they name
              // schedules ("open on sunday", "every monday at 9am", "the friday concert"), and on
              // the news sets other cues and fresh coverage carry those questions.
              + "announced|"
              + "this (?:fall|spring|summer|winter|season)|next (?:week|month)|"
              // Something under way: "is/are (now) <verb>-ing" ("is heading for", "are being
              // recalled"), but not nouns in -ing ("what is the building …" has no cue; "is
              // king" is excluded). Opening a question or after how/why, the -ing word is the
              // subject ("Is smoking bad", "How is baking soda different"), not an event.
              + "(?<=\\w\\s)(?<!\\bhow\\s)(?<!\\bwhy\\s)(?:is|are)\\s+(?:now\\s+)?"
              + "(?!(?:some|any|every|no)thing\\b|king\\b|spring\\b|string\\b|morning\\b|evening\\b"
              + "|building\\b|during\\b)[a-z]{2,}ing)\\b",
          Pattern.CASE_INSENSITIVE);

  /**
   * The asker speaking of their own things ("my chain is skipping", "why our build is failing"): a
   * situation under way there is a problem to fix, not news (decision 0100).
   */
  private static final Pattern PERSONAL =
      // "us" in lower case only: "US" is a country ("Which US state is considering …").
      Pattern.compile("(?i:\\b(?:my|our|your|i|i'm|we|we're|me|mine)\\b)|\\bus\\b");

  /**
   * A part of a program or computer named in the query ("which thread is holding the lock", "what
   * is eating the cpu"): a situation under way there is a symptom to diagnose, not news (decision
   * 0169). Only words news seldom uses in that sense: not "process", "service", "port", "job" or
   * "container".
   */
  private static final Pattern IN_A_SYSTEM =
      Pattern.compile(
          "(?i)\\b(?:cpu|gpu|ram|heap|memory|disk|thread|lock|cache|tests?|build|ci|pipeline"
              + "|query|plugin|dependency|dependencies|library|config|configuration"
              + "|settings?|header|endpoint|logs?|bug|errors?|exceptions?|event loop|stack trace"
              + "|classpath|compiler|linter|port \\d+)\\b");

  /**
   * A question: a wh-word anywhere ("To cut clutter, which continent is requiring …") or a question
   * mark. A situation under way is news only when asked about; stated, it describes a symptom ("the
   * dog is limping on the front leg", "build is failing on arm64").
   */
  private static final Pattern QUESTION =
      Pattern.compile("(?i)\\b(?:which|what|who|whom|whose|where|when|how|why)\\b|\\?");

  /**
   * What comes before "up to date" when it is a state kept or had ("keep my fork up to date",
   * "already up-to-date"), not a wish for the newest as when it qualifies what is wanted ("up to
   * date tansel docs"; decision 0160).
   */
  private static final Pattern STATE_KEPT =
      Pattern.compile(
          "(?:\\b(?:is|are|was|were|be|been|already|not|stay|stays|staying|remain|remains)"
              + "|\\b(?:keep|keeps|keeping|kept)(?:\\s+\\S+){0,3})\\s*$",
          Pattern.CASE_INSENSITIVE);

  /**
   * An operation on the newest of the user's own things ("undo the most recent commit", "how to
   * read the newest file in a directory", "see recent log entries"): the operation is what is asked
   * about, not fresh documents. The verb in front and the kind of thing after are both needed: "the
   * latest file on the budget" in a notes collection still asks for the newest document.
   */
  private static final Pattern OPERATION_BEFORE =
      Pattern.compile(
          "\\b(?:undo|revert|reset|amend|squash|delete|remove|drop|read|open|restore|roll back"
              + "|rollback|check out|checkout|copy|move|rename|sort|select|query|fetch|pull|push"
              + "|print|tail|view|see|grep|diff|cherry-pick|rebase|apply|load|parse|upload|download"
              + "|tag|stage|unstage|discard|inspect)(?:\\s+(?:the|my|our|a|an|all|only|\\d+))*\\s+$",
          Pattern.CASE_INSENSITIVE);

  private static final Pattern ARTIFACT_AFTER =
      Pattern.compile(
          "\\s+(?:[\\w-]+\\s+)?(?:commits?|files?|rows?|records?|lines?|logs?|log (?:entries|lines"
              + "|messages)|backups?|snapshots?|migrations?|tags?|branch(?:es)?|revisions?"
              + "|stash(?:es)?|containers?|images?)\\b",
          Pattern.CASE_INSENSITIVE);

  /** What is done to records, as a participle: "modified", "merged". */
  private static final String DONE =
      "(?:modified|updated|created|changed|edited|added|deleted|removed|written|committed|pushed"
          + "|merged|sent|received|touched|uploaded|inserted)";

  /**
   * A time window ("today", "yesterday", "last week", "the last 7 days", "this month"): as a cue it
   * asks for what is new, but it can also bound the user's own records, where it is a filter of the
   * task, not a wish for the newest documents (decision 0183; see {@link #RECORDS_BEFORE} and
   * {@link #EXPIRY_BEFORE}). The asker's own past ("what did I eat yesterday") keeps the cue, and
   * the days it names filter the search (decision 0184, {@link #window}).
   */
  private static final Pattern WINDOW =
      Pattern.compile(
          "(?:today|tonight|yesterday|last (?:week|night|month)|this (?:week|month|morning|weekend)"
              + "|.+ ago"
              + "|(?:last|past) (?!time\\b)\\S.*)",
          Pattern.CASE_INSENSITIVE);

  /**
   * Records right before the window, perhaps with what was done to them and a preposition: "files
   * modified today", "commits from the last 7 days", "git log since yesterday", "documents updated
   * in the last week". The window selects records; a news question names an event instead ("which
   * company cut jobs last week"). A program's records select alone; the user's documents, entries
   * and messages only with what was done to them ("entries from last week" may still ask for the
   * newest notes).
   */
  private static final Pattern RECORDS_BEFORE =
      Pattern.compile(
          "\\b(?:(?:files?|folders?|directories|rows?|records?|commits?|logs?|keys?|tokens?"
              + "|builds?|backups?|snapshots?|branch(?:es)?|pull requests?|prs)"
              + "(?:\\s+(?:that\\s+(?:were|was)\\s+)?"
              + DONE
              + ")?"
              + "|(?:documents?|entries|emails?|messages?|notes|posts?|photos?|items?)"
              + "\\s+(?:that\\s+(?:were|was)\\s+)?"
              + DONE
              + ")"
              + "(?:\\s+(?:since|from|in|during|within|over|before|after|until|older than"
              + "|newer than))?(?:\\s+the)?\\s+$",
          Pattern.CASE_INSENSITIVE);

  /** An expiry set or met: "expire at midnight tonight", "a token that expired yesterday". */
  private static final Pattern EXPIRY_BEFORE =
      Pattern.compile(
          "\\b(?:expire[sd]?|expiring)(?:\\s+\\S+){0,2}\\s+$", Pattern.CASE_INSENSITIVE);

  /**
   * A cue that names something rather than asking for fresh results (decision 0170): a tag or
   * version label glued to its mark (":latest", "@latest"), a quoted word ("the 'today' page"), the
   * day's own date as a value ("today's date in a script").
   */
  private static final Pattern LITERAL_BEFORE = Pattern.compile("[:@'\"`‘“]$");

  /**
   * A program's message quoted without marks: "says latest version …". Only "latest" and "newest"
   * right after the verb, with no article: "the minister said today", "the agency says the latest
   * figures" are news.
   */
  private static final Pattern MESSAGE_BEFORE =
      Pattern.compile(
          "\\b(?:says|said|shows|showed|prints|printed|reports|complains|warns|displays)\\s+$",
          Pattern.CASE_INSENSITIVE);

  private static final Pattern VALUE_AFTER_TODAY =
      Pattern.compile(
          "^'s\\s+(?:date|time|timestamp|day of the week)\\b", Pattern.CASE_INSENSITIVE);

  private EnglishRecencyCues() {}

  /** The cue that fired, or null. */
  public static String cue(String query) {
    return query == null
        ? null
        : fired(corrected(query)).findFirst().map(m -> m.group(1)).orElse(null);
  }

  /**
   * The span the first cue that fired and writes one names ("what did I cook yesterday", "news from
   * the past 3 days", "how much did we spend last month"), if any (decisions 0184 and 0187). Only a
   * cue that fired: a window over records ("files modified yesterday") selects records in the task
   * and is no window here.
   */
  public static Optional<TimeWindow> window(String query) {
    if (query == null) {
      return Optional.empty();
    }
    String q = corrected(query);
    boolean personal = PERSONAL.matcher(q).find();
    return fired(q)
        .map(m -> EnglishWindows.read(m.group(1), personal))
        .flatMap(Optional::stream)
        .findFirst();
  }

  private static String corrected(String query) {
    return MISSPELT.matcher(query).replaceAll(t -> TYPOS.get(t.group().toLowerCase(Locale.ROOT)));
  }

  /** The cues that fire in {@code query} (typos corrected), in order. */
  private static Stream<MatchResult> fired(String query) {
    boolean news =
        !PERSONAL.matcher(query).find()
            && !IN_A_SYSTEM.matcher(query).find()
            && QUESTION.matcher(query).find();
    return CUES.matcher(query)
        .results()
        .filter(
            m ->
                (news || !underWay(m.group(1)))
                    && !stateKept(query, m)
                    && !operatedOn(query, m)
                    && !literal(query, m)
                    && !recordsWindow(query, m)
                    && !named(query, m));
  }

  /** What opens a sentence: a capital after it is no name. */
  private static final Pattern SENTENCE_OPEN = Pattern.compile("(?:^|[.!?:;(\"“'‘]\\s*)$");

  private static final Pattern WORD = Pattern.compile("\\p{L}[\\p{L}'-]*");

  /**
   * Whether the cue is part of a name: written in capitals ("USA TODAY"), capitalised where no
   * sentence opens ("the Today show") or in a later word ("Last Week Tonight clips", decision
   * 0187), in a query whose own case says so: a query in capitals or in title case, every word of
   * four letters or more capitalised ("Latest Transformer Paper"), tells nothing by its capitals
   * (decisions 0184 and 0187).
   */
  private static boolean named(String query, MatchResult cue) {
    String[] cueWords = cue.group(1).trim().split("\\s+");
    String word = cueWords[0];
    boolean laterCapitalised =
        Arrays.stream(cueWords)
            .skip(1)
            .anyMatch(w -> Character.isUpperCase(w.charAt(0)) && !w.matches("I(?:'\\w+)?"));
    if (!Character.isUpperCase(word.charAt(0)) && !laterCapitalised) {
      return false;
    }
    boolean titleCase =
        WORD.matcher(query)
            .results()
            .map(MatchResult::group)
            .filter(w -> w.length() >= 4)
            .allMatch(w -> Character.isUpperCase(w.charAt(0)));
    if (query.equals(query.toUpperCase(Locale.ROOT)) || titleCase) {
      return false;
    }
    boolean capitals = word.length() > 1 && word.equals(word.toUpperCase(Locale.ROOT));
    return capitals
        || laterCapitalised
        || !SENTENCE_OPEN.matcher(query.substring(0, cue.start(1))).find();
  }

  /**
   * Frequent misspellings of cue words, read as the word ("lastest news on …"). A closed list, not
   * a one-letter tolerance: "latent", "lamest", "fewest", "decent" and "resent" are one letter from
   * a cue.
   */
  private static final Map<String, String> TYPOS =
      Map.of("lastest", "latest", "latets", "latest", "newset", "newest", "recnet", "recent");

  private static final Pattern MISSPELT =
      Pattern.compile(
          "\\b(?:" + String.join("|", TYPOS.keySet()) + ")\\b", Pattern.CASE_INSENSITIVE);

  private static boolean stateKept(String query, MatchResult cue) {
    return cue.group(1).toLowerCase(Locale.ROOT).startsWith("up")
        && STATE_KEPT.matcher(query.substring(0, cue.start(1))).find();
  }

  private static boolean literal(String query, MatchResult cue) {
    String after = query.substring(cue.end(1));
    String before = query.substring(0, cue.start(1));
    String word = cue.group(1).toLowerCase(Locale.ROOT);
    return LITERAL_BEFORE.matcher(before).find()
        || (word.matches("latest|newest") && MESSAGE_BEFORE.matcher(before).find())
        || (word.equals("today") && VALUE_AFTER_TODAY.matcher(after).find());
  }

  private static boolean operatedOn(String query, MatchResult cue) {
    return OPERATION_BEFORE.matcher(query.substring(0, cue.start(1))).find()
        && ARTIFACT_AFTER.matcher(query.substring(cue.end(1))).lookingAt();
  }

  /** Whether the cue is a time window over the user's records, not a wish for news. */
  private static boolean recordsWindow(String query, MatchResult cue) {
    String word = cue.group(1);
    if (!WINDOW.matcher(word).matches()) {
      return false;
    }
    String before = query.substring(0, cue.start(1));
    return RECORDS_BEFORE.matcher(before).find() || EXPIRY_BEFORE.matcher(before).find();
  }

  /** Whether the cue is the "is/are (now) …ing" form of a situation under way. */
  private static boolean underWay(String cue) {
    return cue.endsWith("ing") && cue.matches("(?is)(?:is|are)\\s.*");
  }
}

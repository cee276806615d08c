package dev.quarry.query.interpret;

import dev.quarry.query.kinds.WordNetNouns;
import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds natural-language exclusions: "X but not Y", "X excluding Y", "X except Y", "X other than
 * Y", "X besides Y", "X without Y", "X not about Y", "X but don't mention Y", "X that are not part
 * of Y", "X (excluding Y)", "X, ruling out Y", the leading forms "Apart from Y, X", "Other than Y,
 * X", "Besides Y, X", "Except (for) Y, X", "Not including Y, X", "With the exception of Y, X", "In
 * addition to Y, what other X", "What other X, not to mention Y", and a closing "… ? Please exclude
 * Y." Filler such as "any information about" is cut from the excluded part, and a one-letter typo
 * in a long leading cue word ("Exluding Y, …") is read as the cue. Rules were written from our own
 * sentences and from ExcluIR's queries outside its held-out report split
 * (docs/decisions/0004-negation.md).
 */
public final class EnglishExclusions {

  /**
   * Where an excluded part ends: a clause mark, or a sentence's period, question or exclamation
   * mark (followed by a space), but not the period of an initial or a title ("Anna K. Berg", "Leeds
   * U.F.C.", "St. Olof", "Qry 2.0.1", "Hey-Ho!"). Marks inside quotation marks never end it (see
   * {@link #protectQuotes}).
   */
  private static final String END =
      "(?=[,;:]|[?!](?=\\s|$)|(?<!\\b(?:\\p{Lu}|"
          + "Mr|Mrs|Ms|Dr|St|Jr|Sr|Mt|Ft|No|vs|Inc|Co|Ltd|Gen|Gov|Rep|Sen|Rev|Prof|Capt|Col|Lt))"
          + "\\.(?=\\s|$)|$)";

  private static final String LEADING_CUES =
      "apart from|other than|besides|except for|except|excluding|aside from|not counting"
          + "|not including|with the exception of|disregarding|without|refraining from"
          + "|please avoid|leaving out|leaving aside|setting aside|outside of|ignoring|ignore"
          + "|barring|irrespective of|unlike|ruling out|ruled out"
          + "|distinguishing (?:it|itself|them|themselves) from"
          + "|(?:does|do)(?: not|n't) (?:include|consider)"
          // General forms of "leave it out": "I don't want Y, …", "no Y please, just …", "anything
          // but Y: …", "skip Y, …".
          + "|i (?:do not|don't|dont) (?:want|need)|no|not|skip|skipping|minus"
          + "|(?:anything|everything) (?:but|except|other than)";

  /** A question word that asks for an entity. */
  private static final String ASKING = "what|which|who|whom|where";

  /** What a main clause after a leading exclusion starts with, to skip commas inside the span. */
  private static final String CLAUSE_START =
      "(?:(?:in|on|at|for|from|to|by|with|of|during|under) (?:which|what|whom|whose)"
          + "|what|which|who|whom|whose|where|when|why|how|is|are|was|were|do|does|did|can|could"
          + "|would|will|has|have|had|name|list|tell|give|provide|describe|please)\\b";

  private static final Pattern LEADING_BEFORE_CLAUSE =
      Pattern.compile(
          "^\\s*(" + LEADING_CUES + ")\\s+(.+?),\\s*(" + CLAUSE_START + ".+)$",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern LEADING =
      Pattern.compile(
          "^\\s*("
              + LEADING_CUES
              + ")\\s+(.+?)(?:\\s+please)?\\s*[,:;]\\s*(?:(?:just|only|but)\\s+)?(.+)$",
          Pattern.CASE_INSENSITIVE);

  /** "Y aside, X": the cue after the excluded part. */
  private static final Pattern ASIDE =
      Pattern.compile("^\\s*(.+?)\\s+(aside),\\s*(.+)$", Pattern.CASE_INSENSITIVE);

  /**
   * Cues that can only mean "leave it out" ("excluding", "without mentioning", "please omit"): the
   * excluded part they open may be a longer description than after "without" or "besides", which
   * also start ordinary phrases ("a world without cars").
   */
  private static final Pattern EXPLICIT =
      Pattern.compile(
          "^(?:.*\\b(?:exclud|includ|mention|discuss|consider|cover|omit|ignor|avoid|disregard"
              + "|refer to|talk about|provide|involve|want|need|leave out|skip|no information"
              + "|no details|no mention)"
              + "|without (?:mentioning|considering|discussing|including|involving|referring to"
              + "|touching on|delving into|going into|bringing up|taking into account"
              + "|focusing(?: only)? on|dwelling on|talking about|getting into|referencing|relying on"
              + "|citing|using any)\\b)",
          Pattern.CASE_INSENSITIVE);

  /** Words in a short quotation ("the film \"Rain Without a Cloud\""), kept together. */
  private static final Pattern QUOTED = Pattern.compile("\"[^\"]{1,100}\"");

  /** Stand-ins for a quotation's spaces and marks, so that no pattern looks inside it. */
  private static final String MARKS = " .,;:?!";

  private static final char FIRST_STAND_IN = '\uE000';

  /**
   * "In addition to Y", "on top of Y", "beyond Y", "regardless of Y" (and a trailing "not to
   * mention Y") exclude Y only when the query asks for something other or else: "In addition to Y,
   * what other …".
   */
  private static final String ADDITIVE_CUES = "in addition to|on top of|beyond|regardless of";

  /**
   * The comma before the main clause, when there is one: "Regardless of its founder, Ann Roe, what
   * else …" keeps the apposition in the excluded part.
   */
  private static final Pattern ADDITIVE_BEFORE_CLAUSE =
      Pattern.compile(
          "^\\s*("
              + ADDITIVE_CUES
              + ")\\s+(.+?),\\s*("
              + CLAUSE_START
              + ".*\\b(?:other|else|another|what more)\\b.*)$",
          Pattern.CASE_INSENSITIVE);

  private static final Pattern ADDITIVE_LEADING =
      Pattern.compile(
          "^\\s*(" + ADDITIVE_CUES + ")\\s+(.+?),\\s*(.+\\b(?:other|else|another|what more)\\b.*)$",
          Pattern.CASE_INSENSITIVE);

  /**
   * "In addition to Y, which X …?" (or "…, can you suggest X?", "…, are there X?", "…, the firm
   * sells which X?") asks for the X beyond Y, like "what other X"; a statement after the comma ("In
   * addition to being a singer, she acts") is not an exclusion, nor is one followed by another
   * sentence ("…, she acts; which films …?").
   */
  private static final Pattern ADDITIVE_QUESTION =
      Pattern.compile(
          "^\\s*(in addition to)\\s+(.+?),\\s*((?:(?:"
              + ASKING
              + "|(?:can|could) you|(?:are|is) there)\\b.+"
              + "|[^;?!]*?\\b(?:which|what)\\b[^;?!]*)\\?)\\s*$",
          Pattern.CASE_INSENSITIVE);

  /** "In addition to Y, the firm also sells what?": asking for more, beyond Y. */
  private static final Pattern ADDITIVE_ALSO =
      Pattern.compile(
          "^\\s*(in addition to|on top of)\\s+(.+?),\\s*(.+\\balso\\b.+\\?)\\s*$",
          Pattern.CASE_INSENSITIVE);

  private static final Pattern ADDITIVE_TRAILING =
      Pattern.compile(
          "^(.*\\b(?:other|else)\\b.*?),?\\s+(in addition to|on top of|not to mention|outside"
              + "|regardless of)"
              + "\\s+(.+?)"
              + END
              + "(.*)$",
          Pattern.CASE_INSENSITIVE);

  /** "Where else is the plant found, in addition to Ghana?": more beyond Y, asked as a question. */
  private static final Pattern ADDITIVE_AFTER_QUESTION =
      Pattern.compile(
          "^((?:what|which|who|where|when|how|can|could)\\b.+?),\\s+(in addition to)\\s+(.+?)"
              + END
              + "(.*)$",
          Pattern.CASE_INSENSITIVE);

  /**
   * A lower-case plural noun, as the one thing after "that aren't": a kind of thing left out ("that
   * aren't hybrids"), where an adjective would state a property of what is wanted ("that aren't
   * heavy"). Adverbs and pronouns ending in "s" ("always", "perhaps", "this") and "-ss", "-us",
   * "-ous", "-is" words are no plurals. One or two words may name the kind before it ("that aren't
   * release notes", "that aren't gas camping stoves"), but not a degree or manner word ("that
   * aren't very good laptops" states a property).
   */
  private static final String PLURAL_NOUN =
      "| (?:(?!(?:very|too|so|really|quite|that|as|all|always|more|most|less|least|particularly"
          + "|especially|\\S+ly)\\b)(?-i:\\p{Ll})[\\p{L}-]+ ){0,2}"
          + "(?!(?:always|perhaps|sometimes|besides|towards|afterwards|unless|nowadays|its|this|his"
          + "|hers|ours|yours|theirs|was|has|does|goes)\\b)(?-i:\\p{Ll})[\\p{L}-]{2,}(?<!ss|us|is)s"
          + "(?=\\s*(?:[,;.?!]|please\\b|$))";

  private static final List<Pattern> TRAILING =
      List.of(
          Pattern.compile(
              "^(.+?),?\\s+(but not|and not|excluding|except for|except|other than|apart from"
                  + "|aside from|aside of|besides|not including|with the exception of|disregarding"
                  + "|while (?:\\w+ly )?(?:avoiding|avoid|omitting|ignoring|overlooking)"
                  + "|(?:deliberately )?omitting|rather than|instead of|leaving out|leaving aside"
                  + "|outside of|not counting|setting aside|ruling out"
                  // General forms: "X minus Y", "X anything but Y", "X not from Y", "X that
                  // isn't Y" (a name or an article after it: "that isn't spicy" is a property).
                  // "soups but no fish": what to leave out of what is asked (decision 0186),
                  // unless it describes a property or a symptom (see mannerOrProperty).
                  + "|but no(?=\\s)(?!\\s+(?:more|less|longer|later|sooner|one|doubt|matter"
                  + "|luck|idea)\\b)"
                  + "|minus(?!\\s+\\d)|sans|unlike|(?:but|and) neither|(?:but |and )?(?:anything|everything) (?:but|except(?: for)?|other than)"
                  + "|(?:but )?not (?:from|by|made by|built by|sold by|published by|written by"
                  + "|produced by|part of)"
                  + "|(?:that|which|who)(?:'s| is| are| was| were)? ?(?:isn't|aren't|wasn't|weren't"
                  + "|is not|are not)(?: (?:from|by|made by|about))?(?= (?:the|a|an|from|by|about) | ?(?-i:\\p{Lu})"
                  + PLURAL_NOUN
                  + ")"
                  + "|(?:but |and )?(?:to )?distinguish(?:ing)? (?:it|itself|them|themselves) from"
                  + "|(?:and |but )?(?:(?:could|can|would) you |please )*refrain from"
                  + " (?:mentioning|discussing|including)"
                  + "|(?:but |while |and )?not (?:discussing|mentioning|considering|covering"
                  + "|focusing on)"
                  + "|(?:but )?I (?:do not|don't) (?:want|need)(?: to (?:know|hear|read|see))?"
                  + "(?: about)?"
                  + "|(?<!\\bnot )(?<!n't )(?:please |to |let's |can you |and |specifically )?exclude"
                  + "|(?:please|and|but|can you|but can you|let's|but let's)(?: please)?"
                  + " (?:ignore|avoid|leave out|omit|skip)"
                  + "|(?:and|but) avoiding|(?:making|make) sure to (?:leave out|exclude|omit)"
                  + "|(?:specifically )?excludes|not (?:interested in|looking for|seeking)"
                  + "|(?:(?:do|does|did|ca)n't|(?:do|does|did|can) ?not|let's not|while not"
                  + "|please not|(?:make )?sure not to|should not)"
                  + " (?:include|involve|mention(?:ing)?|discuss|refer to|talk about|provide|cover"
                  + "|touch on"
                  + "|cite|rely on|take into account|consider)"
                  + "|no (?:information|details|mention)"
                  + "|(?:that|which|who|but) (?:are|is|was|were) not (?:part of|written by|associated with"
                  + "|related to|about|by|from|affiliated with|connected to|covered in|owned by"
                  + "|linked to|involved (?:in|with))"
                  + "|(?:that|which|who) (?:are|is|was|were) (?:independent of|separate from)"
                  + "|(?:that|which) differs? from"
                  + "|(?:remember|be sure) not to (?:include|mention|discuss)"
                  + "|(?:that|which) (?:is|are|was|were) not(?= (?:the|a|an) | ?(?-i:\\p{Lu})"
                  + PLURAL_NOUN
                  + ")"
                  + "|(?:that|which) (?:is|are|was|were) different from|but nothing about"
                  + "|(?:that )?(?:has|have) nothing to do with"
                  + "|(?:that )?(?:doesn't|does not|don't|do not) have anything to do with)\\s+(.+?)"
                  + END
                  + "(.*)$",
              Pattern.CASE_INSENSITIVE),
          Pattern.compile(
              "^(.+?)\\s+(without|not about|not involving|not related to|unrelated to"
                  + "|that (?:(?:do|does|did) not|don't|doesn't|didn't) (?:use|mention|involve|include|touch(?: on)?"
                  + "|cover|discuss))\\s+(.+?)"
                  + END
                  + "(.*)$",
              Pattern.CASE_INSENSITIVE),
          ADDITIVE_TRAILING,
          ADDITIVE_AFTER_QUESTION,
          // "…, avoid any details about Y": only after a comma, so that "how to avoid burnout" is
          // left alone.
          Pattern.compile(
              "^(.+?)(?:,|;|\\s+--?|\\s+but|\\s+and)\\s+(?:but\\s+)?(?:please\\s+)?(avoid|avoiding|block|ignoring|ignore"
                  + "|skip|skipping|omit|omitting|drop|leave out|minus)\\s+(.+?)"
                  + END
                  + "(.*)$",
              Pattern.CASE_INSENSITIVE),
          // "laptops, no Acme" or "laptops but no Acme please": "no" opens an excluded part only
          // after a comma or dash, or closed by "please"; "ears but no tail" is a property.
          Pattern.compile(
              "^(.+?)(?:[,;]|\\s+--?)\\s+(?:but\\s+)?(no(?: more| longer)?)\\s+(.+?)"
                  + END
                  + "(.*)$",
              Pattern.CASE_INSENSITIVE),
          Pattern.compile(
              "^(.+?)\\s+(?:but\\s+)?(no(?: more| longer)?)\\s+(.+?)\\s+please" + END + "(.*)$",
              Pattern.CASE_INSENSITIVE),
          // "headphone reviews, don't show me beats": after a comma or dash only, so that "why
          // don't they show the price" is left alone (decision 0170).
          Pattern.compile(
              "^(.+?)(?:[,;]|\\s+--?)\\s+(?:but\\s+)?(?:please\\s+)?((?:do not|don't|dont)"
                  + " (?:show|give|list|include)(?: me| us)?(?: any(?:thing (?:about|on|from|by))?)?)"
                  + "\\s+(.+?)"
                  + END
                  + "(.*)$",
              Pattern.CASE_INSENSITIVE),
          // "laptops, nothing Acme please", "notes, nothing about Oslo": "nothing" opens an
          // excluded part after a comma or dash, but "nothing but Y" asks for Y alone, and
          // "nothing else", "nothing fancy" say how much or what sort.
          Pattern.compile(
              "^(.+?)(?:[,;]|\\s+--?)\\s+(?:but\\s+|and\\s+|just\\s+)?(nothing(?: (?:about|on|with"
                  + "|from|by|related to|to do with|that (?:is|are|has|have|needs?|uses?)"
                  + "|that's))?)\\s+(?!(?:but|else|more|less|much|new|special|fancy|serious|major|too"
                  + "|at all|of the sort|like that"
                  // "nothing works now": a statement, not a thing left out (decision 0170).
                  + "|works|worked|helps|helped|happens|happened|changes|changed|seems|matters"
                  + "|loads|shows|prints|fits|lasts|stays)\\b)(.+?)"
                  + END
                  + "(.*)$",
              Pattern.CASE_INSENSITIVE),
          // "laptops for coding, not gaming", "phones, just not Acme": "not" opens an excluded
          // part only after a comma.
          Pattern.compile(
              "^(.+?),\\s+(?:just\\s+|though\\s+|although\\s+|yet\\s+)?(not)\\s+"
                  + "(?!(?:only|just|even|to|too|that|so|as|because|sure|yet|all|much)\\b)"
                  + "(.+?)"
                  + END
                  + "(.*)$",
              Pattern.CASE_INSENSITIVE));

  /**
   * "What does X have that Y does not have?": what X has beyond Y, so Y is left out. Y is the
   * subject between "that" and the negated verb, a short name.
   */
  private static final Pattern LACKING =
      Pattern.compile(
          "^(.+?)\\s+that\\s+(\\S+(?:\\s+\\S+){0,5}?)\\s+((?:does|do|did)(?: not|n't)"
              + " (?:have|possess|discuss|cover|mention|include|offer|share))\\b(.*)$",
          Pattern.CASE_INSENSITIVE);

  /**
   * "X not only did Y, but also what?": the question asks for what is beyond Y. Only when "but
   * also" is followed by a question word or nothing; "not only light but also cheap" asks for both.
   */
  private static final Pattern NOT_ONLY =
      Pattern.compile(
          "^(.*?)\\s*\\b(not only)\\s+(.+?),?\\s+(but also\\b\\s*(?:(?:in |at |for |with )?(?:"
              + ASKING
              + ")\\b.*)?\\??)\\s*$",
          Pattern.CASE_INSENSITIVE);

  /**
   * "Acme-free laptops": a name (capitalised, or with a digit) before "-free" is left out; a common
   * word before it ("gluten-free", "tax-free") is a property of what is wanted.
   */
  private static final Pattern NAME_FREE =
      Pattern.compile(
          "^(.*?)\\b((?-i:[\\p{Lu}\\p{N}])[\\p{L}\\p{N}]*(?:-(?-i:[\\p{Lu}\\p{N}])[\\p{L}\\p{N}]*)*)-(free)\\b\\s*(.*)$",
          Pattern.CASE_INSENSITIVE);

  /** "X, Y excluded", "X, leave Y out", "X, Y not included": the cue after the excluded part. */
  private static final Pattern AFTER_SPAN =
      Pattern.compile(
          "^(.+?)(?:,|;|\\s+but|\\s+and)\\s+(?:please\\s+)?(?:(leave|leaving|keep|keeping)\\s+(.+?)\\s+out"
              + "|(.+?)\\s+(excluded|left out|not included|aside))\\s*[.!]?\\s*$",
          Pattern.CASE_INSENSITIVE);

  /** How many cues of one trailing form are tried, from the first on. */
  private static final int MAX_CUES = 3;

  private static final Pattern NOTHING = Pattern.compile("(?!)");

  /**
   * An excluded part that goes on into a clause of time or reason ("besides the old stadium when
   * making room for the new one"): the entity ends before it, and the clause belongs to the
   * question.
   */
  private static final Pattern CLAUSE_AFTER_ENTITY =
      Pattern.compile(
          "^(.+?)\\s+((?:when|while|whilst|because|although|whereas)\\b.*)$",
          Pattern.CASE_INSENSITIVE);

  /**
   * An exclusion in parentheses ("any opera (excluding Genoveva) by him"), read as one set off by
   * commas; not a phrase cut short inside them ("the most (but not a majority of) votes").
   */
  private static final Pattern PARENTHESISED =
      Pattern.compile(
          "\\s*\\(((?:but not|not|excluding|except for|except|other than|apart from|aside from"
              + "|besides|not including|without)\\s+[^()]+(?<!\\s(?:of|a|an|the|to)))\\)"
              + "(\\s*[\\p{L}\\p{N}])?",
          Pattern.CASE_INSENSITIVE);

  /**
   * A form that reads the whole query, by the numbers of its groups: the cue, the excluded part,
   * the positive part and what follows the excluded part (0: nothing), and the excluded part's
   * longest length in words.
   */
  private record Form(
      Pattern pattern, int cue, int excluded, int positive, int rest, int maxWords) {
    /** Cue, excluded part, positive part, in that order. */
    static Form leading(Pattern pattern, int maxWords) {
      return new Form(pattern, 1, 2, 3, 0, maxWords);
    }
  }

  /**
   * The forms tried before the closing request and the trailing ones. A leading cue closed by a
   * comma and a main clause bounds the excluded part reliably, so it may be a longer description
   * ("Besides his rival, the former champion Ed Ray, who …").
   */
  private static final List<Form> WHOLE_QUERY_FORMS =
      List.of(
          Form.leading(LEADING_BEFORE_CLAUSE, 20),
          Form.leading(ADDITIVE_BEFORE_CLAUSE, 20),
          Form.leading(ADDITIVE_LEADING, 12),
          Form.leading(ADDITIVE_QUESTION, 12),
          Form.leading(ADDITIVE_ALSO, 12),
          Form.leading(LEADING, 12),
          new Form(ASIDE, 2, 1, 3, 0, 12),
          new Form(LACKING, 3, 2, 1, 4, 6),
          new Form(NOT_ONLY, 2, 3, 1, 4, 12));

  /** A closing request: "Who coached X? Please exclude any details about Y." */
  private static final Pattern CLOSING =
      Pattern.compile(
          "^(.+?[?.!])\\s+\\(?(?:note:\\s*)?(?:however,?\\s+|but\\s+|and\\s+)?"
              + "(?:please\\s+|let's\\s+(?:\\w+ly\\s+)?|kindly\\s+)?(exclude|ignore|omit|leave out"
              + "|do not include|don't include|refrain from (?:discussing|mentioning|including)"
              + "|(?:do not|don't) (?:mention|discuss|provide|refer to|talk about))"
              + "\\s+(.+?)[.?!)]*\\s*$",
          Pattern.CASE_INSENSITIVE);

  /**
   * Words in front of the excluded entity that only say how to exclude it ("including any
   * information about the harbour market"); cut repeatedly so that the entity itself is what gets
   * embedded and matched.
   */
  private static final Pattern FILLER =
      Pattern.compile(
          "^(?:the|a|an|any|anything|(?:any|some|all|each|either|one|none) of|(?-i:of)|including|mentioning|considering|using|discussing"
              // "except those on high-resource pairs": the pronoun and its preposition.
              + "|(?:those|the ones) (?:on|about|with|in|from|by|for)"
              + "|involving|referring to|referencing|touching on|delving into|taking into account"
              + "|focusing on|bringing up|going into (?:any )?details? (?:about|on|of)"
              + "|all(?= (?:information|info|details?|mentions?|references?|content))"
              + "|(?:content|spoilers?) (?:about|of|on|from|regarding|related to)"
              + "|(?:(?:specific|particular|further)\\s+)?"
              + "(?:information|info|details?|mentions?|references?|discussion|data"
              + "|connections?|involvement|contributions?(?: or involvement)?)"
              + "(?:\\s+(?:about|of|on|from|regarding|concerning|related to|to|with))?"
              + "|about|regarding|concerning|related to"
              + "|(?:his|her|its|their) (?:roles?|work|appearances?|part|time|career"
              + "|relationships?) (?:in|on|with|at|to))"
              + "\\s+",
          Pattern.CASE_INSENSITIVE);

  /**
   * Words after the excluded entity that only soften or close the request ("the zoom ones please",
   * "mountain bikes for now", "the Sicilian stuff"); cut repeatedly, as {@link #FILLER} in front.
   * "Ones" and "stuff" stand for the things of that kind, which the kind itself names.
   */
  private static final Pattern TRAILING_FILLER =
      Pattern.compile(
          "\\s+(?:please|thanks|thank you|for now|at all|either|ones?|stuff|things)$",
          Pattern.CASE_INSENSITIVE);

  /** A span that ends on a word for things of a kind ("the inflatable ones please"). */
  private static final Pattern KIND_TAIL =
      Pattern.compile("\\s(?:ones?|stuff|things)(?:\\s+please)?$", Pattern.CASE_INSENSITIVE);

  /**
   * An excluded "span" that is only a question word or pronoun is a misread ("… except who?",
   * "Without focusing on anything, …").
   */
  private static final Pattern NOT_AN_ENTITY =
      Pattern.compile(
          "(?:who|whom|what|which|where|when|why|how|it|this|that|these|those|them|one|ones|others?"
              + "|anything|everything|something|nothing)"
              // "except that it is …" is a conjunction, not an entity
              + "|that (?:it|he|she|they|we|you|i|is|was|are|were)\\b.*",
          Pattern.CASE_INSENSITIVE);

  /**
   * "Who else besides Y is in the film?": when only a question word or two comes before the cue,
   * the question goes on after the entity, from its verb on.
   */
  private static final Pattern SHORT_HEAD =
      Pattern.compile("^(?:who|what|which|where)(?:\\s+else)?$", Pattern.CASE_INSENSITIVE);

  /** "What other lawyers besides Y were …": the question also goes on after the entity. */
  private static final Pattern OTHER_HEAD =
      Pattern.compile(
          "^\\s*(?:who|what|which)\\s+(?:other|else)\\b(?:\\s+\\S+){0,2}\\s*$",
          Pattern.CASE_INSENSITIVE);

  private static final Pattern VERB_AFTER_ENTITY =
      Pattern.compile(
          "^(.+?)\\s+((?:is|was|are|were|has|have|had|did|does|do|appeared|starred|played|worked"
              + "|performed|wrote|directed|sang|joined|served|helped|contributed"
              + "|plays|stars|works|appears|performs|writes|directs|sings)\\b.*)$",
          Pattern.CASE_INSENSITIVE);

  /**
   * A leading cue word long enough that a one-letter typo cannot turn it into another word
   * ("Disregardng Y, …", "Not includinga Y, …"). Shorter ones are left alone: "beside" is not
   * "besides". "Including" alone is no exclusion, so it is only corrected after "not". "excluding"
   * is corrected anywhere ({@link #CUE_WORDS_ANYWHERE}).
   */
  private static final Pattern LEADING_LONG_WORD =
      Pattern.compile("^(\\s*(?:not\\s+)?)(\\p{L}{8,})\\b", Pattern.CASE_INSENSITIVE);

  private static final List<String> LONG_CUE_WORDS = List.of("disregarding", "including");

  private EnglishExclusions() {}

  /** The exclusion in {@code query}, or null when there is none. */
  public static Exclusion detect(String query) {
    if (query == null || query.isBlank()) {
      return null;
    }
    // Pasted text brings full-width marks ("…，aside from Y？"), HTML entities and line breaks.
    String plain =
        HtmlEntities.unescape(Normalizer.normalize(query, Normalizer.Form.NFKC))
            .replaceAll("\\s+", " ")
            // Curly quotes, which pasted text sometimes has the wrong way round ("film”Up“"), are
            // straight ones: a quotation is then what lies between two of them.
            .replaceAll("[“”„]", "\"")
            .replaceAll("^\\s*\"+([^\"]*)\"+\\s*$", "$1") // a query quoted whole
            .replaceAll("([?!])(?=\\p{Lu})", "$1 ") // "…League?Please exclude …"
            .replaceAll("(?<=\\p{Ll})\"(?=\\p{Lu})", " \"") // "aside from\"The Evil\""
            .replaceAll(",(?=\\p{L})", ", ")
            .replaceAll("(?i)(?<![\\w/])w/o(?![\\w/])", "without") // "recipes w/o cream"
            .trim();
    plain =
        PARENTHESISED
            .matcher(plain)
            .replaceAll(
                m ->
                    Matcher.quoteReplacement(
                        ", " + m.group(1) + (m.group(2) == null ? "" : "," + m.group(2))));
    if (HOW_TO_LEAVE_OUT.matcher(plain).find()) {
      return null;
    }
    Exclusion e = find(correctLeadingCue(correctMisspeltCues(protectQuotes(plain))));
    return e == null
        ? null
        : new Exclusion(restore(e.positive()), restore(e.excluded()), restore(e.cue()));
  }

  /**
   * A question about how to leave something out ("how to exclude a folder from the index", "can I
   * skip migrations on startup"): the operation is what is asked about, nothing is left out of the
   * answer (decision 0158).
   */
  private static final Pattern HOW_TO_LEAVE_OUT =
      Pattern.compile(
          "^\\W*(?:how (?:to|(?:do|can|could|should|would) (?:i|we|you))|(?:can|could) (?:i|we|you)"
              + "|is (?:it possible|there a way) to) (?:exclude|skip|ignore|omit|remove|drop|avoid"
              + "|leave out|filter out|block|hide)\\b",
          Pattern.CASE_INSENSITIVE);

  /**
   * A capitalised cue word between capitalised words is part of a name ("Doctors Without Borders",
   * "The Sea Without A Shore"): the space in front of it is hidden like a quotation's.
   */
  private static final Pattern CUE_IN_NAME =
      Pattern.compile(
          "(?<=\\p{Lu}[\\p{L}.'’-]{0,30}) (?=(?:Without|Except|Besides|Beyond|Unlike|Excluding|But"
              + "|Not|Other Than|Apart From|Aside From|Instead Of|Rather Than) \\p{Lu})");

  /** Cue words, marks and spaces inside quotation marks belong to a title, not to the query. */
  private static String protectQuotes(String q) {
    q = CUE_IN_NAME.matcher(q).replaceAll(String.valueOf(FIRST_STAND_IN));
    return QUOTED
        .matcher(q)
        .replaceAll(
            m -> {
              String quoted = m.group();
              int close = quoted.length() - 1;
              // American style puts the sentence's comma inside the quote ("Besides \"Up,\" what
              // …"): it belongs to the sentence.
              String mark =
                  ",.;:".indexOf(quoted.charAt(close - 1)) >= 0 && close > 1
                      ? "" + quoted.charAt(close - 1)
                      : "";
              StringBuilder b = new StringBuilder();
              for (char c : quoted.substring(0, close - mark.length()).toCharArray()) {
                int i = MARKS.indexOf(c);
                b.append(i < 0 ? c : (char) (FIRST_STAND_IN + i));
              }
              b.append(quoted.charAt(close)).append(mark);
              return Matcher.quoteReplacement(b.toString());
            });
  }

  private static String restore(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      int i = c - FIRST_STAND_IN;
      b.append(i >= 0 && i < MARKS.length() ? MARKS.charAt(i) : c);
    }
    return b.toString();
  }

  private static Exclusion find(String q) {
    for (Form f : WHOLE_QUERY_FORMS) {
      Matcher m = f.pattern().matcher(q);
      if (m.matches()) {
        String positive =
            f.rest() == 0
                ? m.group(f.positive())
                : (m.group(f.positive()) + " " + m.group(f.rest())).trim();
        Exclusion e = exclusion(positive, m.group(f.excluded()), m.group(f.cue()), f.maxWords());
        if (e != null) {
          return e;
        }
      }
    }
    Exclusion special = nameFreeOrAfterSpan(q);
    if (special != null) {
      return special;
    }
    Matcher closing = CLOSING.matcher(q);
    if (closing.matches()) {
      return exclusion(closing.group(1), closing.group(3), closing.group(2), 20);
    }
    for (Pattern p : TRAILING) {
      Matcher m = p.matcher(q);
      for (int tries = 0; tries < MAX_CUES && m.matches(); tries++) {
        String head = m.group(1);
        String excluded = m.group(3);
        String rest = m.group(4).replaceFirst("^[,.;:]\\s*", "");
        Matcher clause = CLAUSE_AFTER_ENTITY.matcher(excluded);
        if (clause.matches()) {
          excluded = clause.group(1);
          rest = (clause.group(2) + " " + rest).trim();
        }
        Matcher verb = VERB_AFTER_ENTITY.matcher(excluded);
        if ((SHORT_HEAD.matcher(head.trim()).matches() || OTHER_HEAD.matcher(head).matches())
            && verb.matches()) {
          excluded = verb.group(1);
          rest = verb.group(2) + m.group(4);
        }
        String positive = (head + (rest.isBlank() ? "" : " " + rest)).trim();
        boolean explicit = EXPLICIT.matcher(m.group(2) + " " + excluded).find();
        boolean afterComma = head.strip().endsWith(",") || m.group().startsWith(",", m.end(1));
        if (!explicit && !afterComma && mannerOrProperty(m.group(2), m.group(3), head)) {
          m = laterCue(p, m);
          continue;
        }
        Exclusion e = exclusion(positive, excluded, m.group(2), explicit ? 20 : 12);
        if (e != null) {
          return e;
        }
        m = laterCue(p, m);
      }
    }
    return bareNot(q);
  }

  /**
   * "python web frameworks not django": a keyword query, then "not" and a short name at its end.
   * Only where the words before "not" cannot be a clause that "not" negates: no question, no verb
   * or auxiliary right before it ("why is my build not working", "tests that do not run"), and the
   * words after it are no state or manner ("bread not rising", "page not found", "not too sweet").
   */
  private static final Pattern BARE_NOT =
      Pattern.compile("^((?:\\S+\\s+){1,7}?\\S+)\\s+(not)\\s+(\\S+(?:\\s+\\S+){0,3})\\s*$");

  /** Words before "not" that make it negate a verb: auxiliaries, modals and "-n't" forms. */
  private static final Pattern VERB_BEFORE_NOT =
      Pattern.compile(
          "(?:is|are|was|were|be|been|being|am|do|does|did|can|could|will|would|shall|should|may"
              + "|might|must|has|have|had|need|needs|it's|its|that's|i'm|im|why|or|and|if|whether"
              + "|\\S+n't)",
          Pattern.CASE_INSENSITIVE);

  /**
   * First words after "not" that state a condition rather than name something: participles and
   * "-ing" forms, adverbs and degree words, prepositions, articles and common adjectives.
   */
  private static final Pattern STATE_AFTER_NOT =
      Pattern.compile(
          "(?:\\S+(?:ing|ed|able|ible|ful|ous|ive|ly)|found|seen|shown|known|done|made|set|run|sent"
              + "|built|kept|left|held|read|written|given|taken|thrown|broken|hidden|bound|caught"
              + "|shut|lit|up|down|in|out|on|off|at|to|for|with|into|over|under|yet|too|so|very"
              + "|quite|really|always|ever|enough|just|only|even|all|much|many|more|most|a|an|any"
              + "|sure|ok|okay|right|wrong|true|false|good|bad|cold|hot|warm|new|old|big|small"
              + "|cheap|free|safe|slow|fast|long|short|clear|full|empty|open|closed|ready|there"
              + "|here|now|again|anymore|responding|available|visible|possible|compatible)",
          Pattern.CASE_INSENSITIVE);

  /** A lower-case word that states a condition; a capitalised one is a name ("Wicked", "Fred"). */
  private static boolean lowerCaseState(String word) {
    return word.equals(word.toLowerCase(Locale.ROOT)) && STATE_AFTER_NOT.matcher(word).matches();
  }

  private static Exclusion bareNot(String q) {
    Matcher m = BARE_NOT.matcher(q.strip());
    if (!m.matches() || QUESTION.matcher(q).find()) {
      return null;
    }
    String[] head = m.group(1).split("\\s+");
    String after = m.group(3).split("\\s+")[0];
    if (VERB_BEFORE_NOT.matcher(head[head.length - 1]).matches() || lowerCaseState(after)) {
      return null;
    }
    return exclusion(m.group(1), m.group(3).replaceFirst("[.!?]+$", ""), "not", 4);
  }

  /**
   * "without" that says how something is done or what it lacks, not what to leave out: "keyboards
   * without a number pad" (an article: a property), "how to travel without a car", "can you bake
   * without yeast" (a question about a way of doing it). A request ("can you list X without Y") is
   * not such a question, nor is "without" after a comma ("How does X work, without Y?"), which adds
   * a condition on the answer.
   */
  private static final Pattern MANNER_QUESTION =
      Pattern.compile(
          "^\\s*(?:how|why|is|are|can|could|should|do|does|did|will|would)\\b"
              + "(?!\\s+(?:you|we)\\s+(?:please\\s+)?(?:tell|give|list|show|describe|explain|provide|find|discuss"
              + "|name|recommend|suggest|share|summari[sz]e|identify)\\b)",
          Pattern.CASE_INSENSITIVE);

  private static final Pattern ARTICLE = Pattern.compile("^(?:a|an)\\b", Pattern.CASE_INSENSITIVE);

  /**
   * An instruction that opens on its verb ("deploy without downtime", "run the tests without
   * network access"): "without" says how to do it, like a how-to question (decision 0158). A closed
   * list of verbs that open instructions and are seldom the first word of a thing's name ("run" as
   * in "run logs" is rare; "release", "train", "store" and "watch" are left out for that reason).
   */
  private static final Pattern INSTRUCTION =
      Pattern.compile(
          "^\\s*(?:run|deploy|install|build|compile|start|restart|stop|update|upgrade|connect"
              + "|configure|use|make|bake|boil|fry|roast|grill|cook|clean|wash|fix|repair|remove|delete"
              + "|uninstall|migrate|travel|open|export|import|sync|debug|load|save|write|send|pay|learn"
              + "|get|keep|grow|move|reset|edit|convert|create|add|manage|cancel|renew|replace|lose"
              + "|publish|serve|encrypt|restore|mount)\\b",
          Pattern.CASE_INSENSITIVE);

  /**
   * "What can I use instead of dairy": asks for a substitute, which the answer must explain
   * (decision 0169). In a how-to question "instead of" mostly does leave the other way out ("how to
   * steam greens in a pan instead of the steamer basket"), so only this form is read as a
   * substitute.
   */
  /**
   * An operation on a whole set but one part ("run all tests except the integration ones", "hide
   * all columns apart from name"): the part left out is part of the task, and documents on it help
   * (decision 0170). Only verbs that act on things; a request to see them ("show all orvane laptops
   * except the max") leaves the part out.
   */
  private static final Pattern OPERATION_ON_ALL =
      Pattern.compile(
          "\\b(?:run|select|delete|remove|freeze|unfreeze|hide|ignore|lint|format|stash|back up"
              + "|backup|commit|copy|move|disable|enable|block|allow|mute|turn off|turn on|rename"
              + "|kill|stop|drop|revert|reset|sync|mock|skip|set|make|require|clear|close|archive"
              + "|uninstall|install|update|upgrade|unsubscribe|cancel|encrypt|check|uncheck|deselect"
              + "|collapse|expand|merge|squash|apply|grant|deny|lock|unlock|protect|test|build"
              + "|compile|import|export|migrate|cache|exclude|include)"
              + "\\s+(?:(?:the|my|our)\\s+)?(?:all|every|everything|each)\\b",
          Pattern.CASE_INSENSITIVE);

  /** The cues that name an exception to a set ("all … except Y"). */
  private static final Pattern EXCEPTION_CUE =
      Pattern.compile("except(?: for)?|apart from|other than|besides|aside from|but not|save for");

  /**
   * "without" right after a verb in the middle of a query ("kubectl rollout restart without
   * downtime", "npm install fails without sudo", "kids won't sleep without the nightlight"): a way
   * of doing it or a condition, like the instruction that opens on its verb (decision 0170). Only
   * verbs that are seldom a thing's name at the end of a phrase ("build", "update" and "export"
   * are).
   */
  private static final Pattern VERB_BEFORE_WITHOUT =
      Pattern.compile(
          "(?:(?<!\\b(?:the|a|an|my|our|your|this|that|its|their)\\s)"
              + "\\b(?:restart|reinstall|install|deploy|run|compile|connect|boot|upgrade|migrate|commit"
              + "|push|pull|merge|rebase|log ?in|sign ?in|sync|print|travel|sleep|cook|bake|work"
              + "|start|load|shut down)"
              + "|\\b(?:fails?|failed|failing|works|worked|working|breaks|broke|crash(?:es|ed)?|hangs"
              + "|hung|boots|runs|ran|starts|started|loads|compiles|freezes|froze|stops|stopped)"
              + "|\\b(?:won't|wont|can't|cant|cannot|doesn't|doesnt|don't|dont|didn't|didnt)\\s+\\w+"
              // An activity named by a gerund after a preposition: "a packing list for flying
              // without checked luggage".
              + "|\\b(?:for|by|when|while|after|before|of|about|on|in|with)\\s+\\w{3,}ing)"
              + "\\s*$",
          Pattern.CASE_INSENSITIVE);

  private static final Pattern SUBSTITUTE_QUESTION =
      Pattern.compile(
          "^\\W*what (?:can|could|should|do) (?:i|we|you) (?:use|do|try|take|put|eat|drink|add)\\b",
          Pattern.CASE_INSENSITIVE);

  /**
   * "without much light", "without many tools": an amount, not a thing left out; "without the
   * bitterness", "without complexity": a quality the asked thing lacks.
   */
  private static final Pattern AMOUNT_OR_QUALITY =
      Pattern.compile(
          "^(?:much|many|enough|a lot|lots|too much|too many|a great deal"
              // Qualities in -ness, and a few in -ity ("university" is a thing).
              + "|(?:the |any |all )?(?:\\p{L}{3,}ness|acidity|humidity|complexity|toxicity))\\b",
          Pattern.CASE_INSENSITIVE);

  /** A question's opening word: "minus" inside a question is arithmetic or a description. */
  private static final Pattern QUESTION =
      Pattern.compile(
          "^\\s*(?:how|why|what|which|who|whose|where|when|is|are|was|were|can|could|should|do"
              + "|does|did)\\b",
          Pattern.CASE_INSENSITIVE);

  /**
   * A verb in -ing with its object after "without" ("sort without mutating the array", "bake
   * without killing the yeast", "without breaking the bank"): how to do it, not a thing to leave
   * out. The object's determiner tells the verb from a noun in -ing ("turkey without stuffing",
   * "cake without frosting"), and "without using eggs", with no determiner, stays an exclusion. A
   * verb of telling or showing keeps its object as what to leave out of the answer ("explain the
   * novel without revealing any details about its sequel").
   */
  private static final Pattern GERUND_WITH_OBJECT =
      Pattern.compile(
          "^(?!(?:reveal|mention|discuss|spoil|describ|cover|talk|bring|refer|includ|involv"
              + "|consider|giv|touch|focus|address|nam|list|show|explain|say|tell|us|add)ing\\b)"
              + "\\p{L}{3,}ing\\s+(?:the|a|an|any|my|your|our|its|their|it|them|this|that|these"
              + "|those)\\b",
          Pattern.CASE_INSENSITIVE);

  /**
   * A request addressed to someone ("can you tell me about X without making any references to Y",
   * "please provide …"): what follows "without" is what the answer must leave out.
   */
  private static final Pattern ADDRESSED =
      Pattern.compile("\\b(?:you|please|me)\\b", Pattern.CASE_INSENSITIVE);

  /**
   * Before "but no", what makes it a property or a symptom rather than a thing to leave out: what
   * the thing has or is ("a phone with a big screen but no jack", "laptop has wifi but no
   * bluetooth"), or a state or working verb right before it ("wifi connected but no internet", "it
   * turns on but no display", "router works but no signal").
   */
  private static final Pattern PROPERTY_BEFORE_BUT_NO =
      Pattern.compile(
          "\\b(?:has|have|had|having|with|is|are|was|were|got|gets|get|shows?|showing)\\b"
              + "|(?:ed|ing|\\b(?:on|off|up|down|fine|ok|okay|works|runs|loads|starts|boots|plays"
              + "|prints|rings|opens|connects|charges|appears))\\s*$",
          Pattern.CASE_INSENSITIVE);

  private static boolean mannerOrProperty(String cue, String excluded, String head) {
    String c = cue.toLowerCase(Locale.ROOT);
    if (c.equals("but no")) {
      // "What primate had big ears but no tail?" describes what is asked.
      return QUESTION.matcher(head).find() || PROPERTY_BEFORE_BUT_NO.matcher(head).find();
    }
    if (c.equals("minus") || c.equals("unlike")) {
      // "What makes X unlike Y" compares them; "X unlike Y" in a request leaves Y out.
      return QUESTION.matcher(head).find();
    }
    if (c.equals("instead of") || c.equals("rather than")) {
      return SUBSTITUTE_QUESTION.matcher(head).find();
    }
    if (EXCEPTION_CUE.matcher(c).matches()) {
      return OPERATION_ON_ALL.matcher(head).find();
    }
    if (c.startsWith("everything ")) {
      // "lint everything except …": the cue holds the set operated on.
      return OPERATION_ON_ALL.matcher(head.stripTrailing() + " everything").find();
    }
    return c.equals("without")
        && (ARTICLE.matcher(excluded.trim()).find()
            || AMOUNT_OR_QUALITY.matcher(excluded.trim()).find()
            || (GERUND_WITH_OBJECT.matcher(excluded.trim()).find()
                && !ADDRESSED.matcher(head).find())
            || MANNER_QUESTION.matcher(head).find()
            || INSTRUCTION.matcher(head).find()
            || VERB_BEFORE_WITHOUT.matcher(head).find());
  }

  /**
   * "nut-free cake recipes": a lower-case word before "-free" outside quotation marks, or a common
   * noun capitalised only because it opens the query ("Nut-free cake recipes"). A name before it
   * ("Aceford-free rackets") is an exclusion ({@link #NAME_FREE}).
   */
  private static final Pattern FREE_OF =
      Pattern.compile("(?<![\\p{L}\\p{N}\"-])(\\p{L}\\p{Ll}{2,})-free(?![\\p{L}\\p{N}-])");

  /**
   * The thing a query asks its documents to be free of, if it names one outside a quotation
   * (decisions 0176 and 0188).
   */
  static Optional<FreeOf> freeOf(String sentence) {
    Matcher m = FREE_OF.matcher(sentence);
    while (m.find()) {
      String word = m.group(1);
      boolean lowerOrOpening =
          Character.isLowerCase(word.charAt(0))
              || commonWordOpening(sentence.substring(0, m.start()), word);
      if (!quoted(sentence, m.start()) && lowerOrOpening) {
        return Optional.of(
            new FreeOf(
                without(sentence, m.start(), m.end()), word.toLowerCase(Locale.ROOT), m.group()));
      }
    }
    Matcher none = WITH_NO.matcher(sentence);
    if (none.find() && !quoted(sentence, none.start())) {
      return Optional.of(
          new FreeOf(without(sentence, none.start(), none.end()), none.group(2), none.group(1)));
    }
    return Optional.empty();
  }

  private static boolean quoted(String sentence, int at) {
    return sentence.substring(0, at).chars().filter(c -> c == '"').count() % 2 == 1;
  }

  /** The sentence without {@code [start, end)}, unquoted, as the asked part. */
  private static String without(String sentence, int start, int end) {
    String asked = sentence.substring(0, start) + " " + sentence.substring(end);
    return QueryText.unquoted(asked).replaceAll("\\s+", " ").replaceAll(" (?=[,.;!?)])", "").trim();
  }

  /**
   * "recipes with no nuts at all", "cake with no flour": one lower-case word after "with no" that
   * ends the clause says what the asked thing is free of, as "nut-free" does (decision 0188).
   * Followed by more words ("with no headphone jack", "with no breakfast included") it is left
   * alone.
   */
  private static final Pattern WITH_NO =
      Pattern.compile("(\\bwith no (\\p{Ll}[\\p{Ll}'-]+))(?:\\s+at all)?(?=\\s*(?:[,.;!?)]|$))");

  /**
   * "Gluten-free cakes", "Tax-free savings": a capital that only opens the query, on a word WordNet
   * knows as a common noun, names nothing; the word is what the asked thing is free of ({@link
   * FreeOf}), like "gluten-free cakes" in lower case (decision 0176).
   */
  private static boolean commonWordOpening(String before, String word) {
    return before.isBlank()
        && word.length() > 1
        && word.substring(1).equals(word.substring(1).toLowerCase(Locale.ROOT))
        && word.chars().allMatch(Character::isLetter)
        && !WordNetNouns.get().senses(word.toLowerCase(Locale.ROOT)).isEmpty();
  }

  private static Exclusion nameFreeOrAfterSpan(String q) {
    Matcher free = NAME_FREE.matcher(q);
    if (free.matches() && !commonWordOpening(free.group(1), free.group(2))) {
      String positive = (free.group(1) + " " + free.group(4)).trim();
      Exclusion e = exclusion(positive, free.group(2).replace('-', ' '), "-free", 6);
      if (e != null) {
        return e;
      }
    }
    Matcher after = AFTER_SPAN.matcher(q);
    if (after.matches()) {
      boolean leave = after.group(2) != null;
      return exclusion(
          after.group(1),
          leave ? after.group(3) : after.group(4),
          leave ? after.group(2) + " out" : after.group(5),
          8);
    }
    return null;
  }

  /**
   * The same trailing form with its cue further on, for when the first cue opened no entity ("… and
   * other than that, I don't want to know anything about Y"), or a matcher that matches nothing
   * when the form has no free head to lengthen.
   */
  private static Matcher laterCue(Pattern p, Matcher m) {
    String free = "^(.+?)";
    String form = p.pattern();
    if (!form.startsWith(free)) {
      return NOTHING.matcher("");
    }
    return Pattern.compile(
            "^(.{" + (m.end(1) + 1) + ",}?)" + form.substring(free.length()), p.flags())
        .matcher(m.group());
  }

  /**
   * Cue words corrected wherever they stand when one letter is wrong, missing, extra or swapped
   * ("pancakes witout buttermilk"): no English word lies one letter from either, so the correction
   * cannot turn another word into a cue. "except" is not among them ("expect").
   */
  private static final List<String> CUE_WORDS_ANYWHERE = List.of("without", "excluding");

  private static final Pattern LONG_WORD = Pattern.compile("\\b\\p{L}{6,}\\b");

  private static String correctMisspeltCues(String q) {
    return LONG_WORD
        .matcher(q)
        .replaceAll(
            m -> {
              String word = m.group().toLowerCase(Locale.ROOT);
              for (String cue : CUE_WORDS_ANYWHERE) {
                if (!word.equals(cue) && Spelling.oneLetterApart(word, cue)) {
                  return cue;
                }
              }
              return Matcher.quoteReplacement(m.group());
            });
  }

  private static String correctLeadingCue(String q) {
    Matcher m = LEADING_LONG_WORD.matcher(q);
    if (!m.find()) {
      return q;
    }
    String word = m.group(2).toLowerCase(Locale.ROOT);
    boolean afterNot = !m.group(1).isBlank();
    for (String cue : LONG_CUE_WORDS) {
      if (cue.equals("including") == afterNot && Spelling.oneLetterApart(word, cue)) {
        return m.group(1) + cue + q.substring(m.end());
      }
    }
    return q;
  }

  /** "Anything self-supervised": a word after it names the things of a kind, not a state. */
  private static final Pattern ANY = Pattern.compile("^any(?:thing)?\\s", Pattern.CASE_INSENSITIVE);

  /**
   * A part that ends on what was (not) observed ("rows missing, no errors shown", "consumer stops,
   * no more messages processed"): a report of a problem, not something to leave out (decision
   * 0158).
   */
  private static final Pattern OBSERVED =
      Pattern.compile(
          "\\S\\s+(?:shown|found|processed|returned|logged|displayed|received|saved|loaded"
              + "|reported|printed|written|triggered|detected)$");

  private static final Pattern LEADING_ARTICLE =
      Pattern.compile("(?:a|an|the)\\s", Pattern.CASE_INSENSITIVE);

  private static final Pattern REPEATED_NO =
      Pattern.compile("(\\s(?:and|or|nor)|,)\\s+no\\s+(?=\\S)", Pattern.CASE_INSENSITIVE);

  /**
   * A bare count names no thing ("all columns except one in postgres", "apart from two files",
   * "instead of one by one"); "the one with the kids" and "one called Y" do, and a capitalised
   * "One" may be a title (decision 0170).
   */
  private static final Pattern COUNT =
      Pattern.compile(
          "(?:one|two|three|four|five|a few|a couple(?: of)?)"
              + "(?:\\s+(?!(?:called|named|titled|entitled|known|about|with|that|which|who|whose"
              + "|where)\\b)\\S+){0,3}");

  /**
   * A span that compares ("timestamp without time zone vs timestamptz", "pay off the loan instead
   * of investing pros cons"): both sides are asked about, nothing is left out (decision 0170). In
   * lower case only: "Star vs. the Forces of Evil" is a title.
   */
  private static final Pattern COMPARISON =
      Pattern.compile(
          "\\b(?:vs\\.?|versus|pros (?:and |& )?cons|compared (?:to|with))(?=\\s|$)",
          Pattern.CASE_INSENSITIVE);

  private static Exclusion exclusion(String positive, String excluded, String cue, int maxWords) {
    String ex = excluded.trim();
    if (COUNT.matcher(ex).matches()
        || (COMPARISON.matcher(ex).find() && ex.equals(ex.toLowerCase(Locale.ROOT)))) {
      return null;
    }
    boolean any = ANY.matcher(ex).find();
    // "that isn't a run": after an article the word is a thing, not a state ("not run").
    boolean article = LEADING_ARTICLE.matcher(ex).lookingAt();
    // "no rain and no wind": the list's own "no" repeats the cue.
    ex = REPEATED_NO.matcher(ex).replaceAll("$1 ");
    for (String cut = FILLER.matcher(ex).replaceFirst(""); !cut.equals(ex); ) {
      ex = cut;
      cut = FILLER.matcher(ex).replaceFirst("");
    }
    // "The inflatable ones": an adjective that names a kind of thing, not a state ("not seen").
    boolean kind = any || article || KIND_TAIL.matcher(ex).find();
    for (String cut = TRAILING_FILLER.matcher(ex).replaceFirst(""); !cut.equals(ex); ) {
      ex = cut;
      cut = TRAILING_FILLER.matcher(ex).replaceFirst("");
    }
    if (ex.isBlank()
        || positive.isBlank()
        || !ex.matches("(?s).*[\\p{L}\\p{N}].*")
        || NOT_AN_ENTITY.matcher(ex).matches()
        || ex.split("\\s+").length > maxWords
        || OBSERVED.matcher(ex).find()
        || (lowerCaseState(ex) && !ex.endsWith("ing") && !kind)) {
      // Not an entity (a lone state such as "seen" in "owl calling but not seen"; an activity
      // such as "gaming" in "for coding, not gaming" is one), or too long to be one: more likely
      // a clause we would misread.
      return null;
    }
    // "phones, just not from Acme": the softener before the cue is not part of what is asked.
    String asked = SOFTENER_AT_END.matcher(positive.trim()).replaceFirst("");
    if (!asked.matches("(?s).*[\\p{L}\\p{N}].*")) {
      return null; // nothing is asked for: only marks before the cue ("， but not …")
    }
    return new Exclusion(asked, ex, cue.toLowerCase(Locale.ROOT));
  }

  private static final Pattern SOFTENER_AT_END =
      Pattern.compile("[,;]?\\s+(?:just|though|although|yet|but|and)$", Pattern.CASE_INSENSITIVE);
}

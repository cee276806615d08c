package dev.quarry.query.interpret;

/**
 * The HTML entities that text scraped from web pages carries into queries and titles ("Harold
 * &amp;amp; Kumar"), resolved so that matching sees the characters.
 */
public final class HtmlEntities {
  private HtmlEntities() {}

  public static String unescape(String s) {
    return s.replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&");
  }
}

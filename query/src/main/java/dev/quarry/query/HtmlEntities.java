package dev.quarry.query;

/**
 * The HTML entities that text scraped from web pages carries into queries and titles ("Harold
 * &amp;amp; Kumar"), resolved so that matching sees the characters.
 */
final class HtmlEntities {
  private HtmlEntities() {}

  static String unescape(String s) {
    return s.replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&");
  }
}

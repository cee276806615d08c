package dev.quarry.core;

import java.util.Locale;

/**
 * Why a text is embedded. Asymmetric models (e.g. bge) prefix queries with an instruction and
 * passages with nothing; symmetric models treat both alike.
 */
public enum Role {
  QUERY("query"),
  PASSAGE("passage");

  private final String id;

  Role(String id) {
    this.id = id;
  }

  /** The stable name used in files, caches and the CLI; never the ordinal. */
  public String id() {
    return id;
  }

  public static Role parse(String value) {
    for (Role role : values()) {
      if (role.id.equals(value.toLowerCase(Locale.ROOT))) {
        return role;
      }
    }
    throw QuarryException.invalid("unknown role '" + value + "': use 'query' or 'passage'");
  }
}

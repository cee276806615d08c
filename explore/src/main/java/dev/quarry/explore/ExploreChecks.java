package dev.quarry.explore;

import dev.quarry.core.QuarryException;
import dev.quarry.index.Collection;
import java.util.TreeSet;

/** The checks every explore operation makes first, each failing with one line a user can act on. */
public final class ExploreChecks {
  private ExploreChecks() {}

  /** The collection holds at least one document, so there are vectors to work on. */
  public static void requireVectors(Collection collection, String task) {
    if (collection.stats().documents() == 0) {
      throw QuarryException.invalid(
          "collection "
              + collection.path()
              + " holds no documents, so no vectors to "
              + task
              + ": index some first (quarry index)");
    }
  }

  /** {@code field} is a user metadata field of the collection. */
  public static void requireField(Collection collection, String field) {
    if (field == null || !collection.fields().containsKey(field)) {
      throw QuarryException.invalid(
          "unknown field '"
              + field
              + "' in collection "
              + collection.path()
              + "; its fields are "
              + new TreeSet<>(collection.fields().keySet()));
    }
  }

  /** {@code value} lies in {@code min..max}. */
  public static void requireRange(String name, double value, double min, double max) {
    if (!(value >= min && value <= max)) {
      throw QuarryException.invalid(
          name + " must be between " + fmt(min) + " and " + fmt(max) + ", got " + fmt(value));
    }
  }

  private static String fmt(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }
}

package dev.quarry.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A character set for {@link Gen#string}, as inclusive ranges. {@link #ANY} is what jqwik's default
 * string generator drew from: every UTF-16 char except surrogates, noncharacters and the private
 * use area.
 */
public record Chars(List<Range> ranges) {
  public static final Chars ANY =
      new Chars(List.of(range(0, 0xD7FF), range(0xF900, 0xFDCF), range(0xFDF0, 0xFFFD)));
  public static final Chars ALPHA = new Chars(List.of(range('A', 'Z'), range('a', 'z')));
  public static final Chars NUMERIC = new Chars(List.of(range('0', '9')));

  /** One inclusive range of chars. */
  public record Range(char from, char to) {
    int size() {
      return to - from + 1;
    }
  }

  public Chars {
    ranges = List.copyOf(ranges);
  }

  /** The chars {@code from..to}, inclusive. */
  public static Chars between(int from, int to) {
    return new Chars(List.of(range(from, to)));
  }

  /** These chars and {@code more}. */
  public Chars with(String more) {
    List<Range> all = new ArrayList<>(ranges);
    more.chars().forEach(c -> all.add(range(c, c)));
    return new Chars(all);
  }

  /** These chars and those of {@code other}. */
  public Chars with(Chars other) {
    List<Range> all = new ArrayList<>(ranges);
    all.addAll(other.ranges);
    return new Chars(all);
  }

  /** The first and the last char, and the space when it is included. */
  List<Character> edges() {
    List<Character> edges = new ArrayList<>();
    edges.add(ranges.getFirst().from());
    edges.add(ranges.getLast().to());
    if (ranges.stream().anyMatch(r -> r.from() <= ' ' && ' ' <= r.to())) {
      edges.add(' ');
    }
    return edges;
  }

  char draw(Random random) {
    int total = ranges.stream().mapToInt(Range::size).sum();
    int i = random.nextInt(total);
    for (Range r : ranges) {
      if (i < r.size()) {
        return (char) (r.from() + i);
      }
      i -= r.size();
    }
    throw new AssertionError("unreachable: index beyond the ranges");
  }

  private static Range range(int from, int to) {
    return new Range((char) from, (char) to);
  }
}

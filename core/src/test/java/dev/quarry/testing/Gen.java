package dev.quarry.testing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Random values for {@link RandomCases}, with the edge cases that property-based test libraries mix
 * in on purpose: each draw returns, one time in {@value #EDGE_ONE_IN}, an edge of its range (the
 * bounds, zero, the empty string or list, a one-character string of an edge character) instead of a
 * uniform value. Whole-range longs lean towards small magnitudes, as bugs do.
 */
public final class Gen {
  private static final int EDGE_ONE_IN = 10;

  private final Random random;

  Gen(long seed) {
    this.random = new Random(seed);
  }

  /** The underlying stream, for the rare draw these methods do not cover. */
  public Random random() {
    return random;
  }

  public boolean bool() {
    return random.nextBoolean();
  }

  /** An int in {@code min..max}, both inclusive. */
  public int ints(int min, int max) {
    return (int) longs(min, max);
  }

  /** A long in {@code min..max}, both inclusive; edges: the bounds, and 0, 1, -1 when inside. */
  public long longs(long min, long max) {
    if (edge()) {
      return pick(edges(min, max, List.of(min, max, 0L, 1L, -1L)));
    }
    return max < Long.MAX_VALUE ? random.nextLong(min, max + 1) : random.nextLong(min - 1, max) + 1;
  }

  /** Any long: half uniform, half of a random bit length; edges 0, ±1, MIN_VALUE, MAX_VALUE. */
  public long longs() {
    if (edge()) {
      return pick(List.of(0L, 1L, -1L, Long.MIN_VALUE, Long.MAX_VALUE));
    }
    if (random.nextBoolean()) {
      return random.nextLong();
    }
    long magnitude = random.nextLong() >>> random.nextInt(64);
    return random.nextBoolean() ? magnitude : -magnitude;
  }

  /** Any int, distributed as {@link #longs()}. */
  public int ints() {
    if (edge()) {
      return pick(List.of(0, 1, -1, Integer.MIN_VALUE, Integer.MAX_VALUE));
    }
    int magnitude = random.nextInt() >>> random.nextInt(32);
    return random.nextBoolean() ? magnitude : -magnitude;
  }

  /**
   * A double in {@code min..max} with two decimal places, as jqwik's default scale had it; edges:
   * the bounds, 0 and ±0.01 when inside.
   */
  public double doubles(double min, double max) {
    if (edge()) {
      return pick(edges(min, max, List.of(min, max, 0.0, 0.01, -0.01)));
    }
    double raw = min + random.nextDouble() * (max - min);
    double rounded = BigDecimal.valueOf(raw).setScale(2, RoundingMode.HALF_UP).doubleValue();
    return Math.clamp(rounded, min, max);
  }

  /** A float in {@code min..max}, drawn as {@link #doubles(double, double)}. */
  public float floats(float min, float max) {
    return (float) doubles(min, max);
  }

  /** A string of {@code minLength..maxLength} characters from {@code chars}. */
  public String string(int minLength, int maxLength, Chars chars) {
    if (edge()) {
      if (minLength == 0) {
        return "";
      }
      if (minLength == 1) {
        return String.valueOf(pick(chars.edges()));
      }
    }
    int length = ints(minLength, maxLength);
    StringBuilder s = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      s.append(chars.draw(random));
    }
    return s.toString();
  }

  /** A string drawn by {@link #string} that passes {@code accept}. */
  public String string(int minLength, int maxLength, Chars chars, Predicate<String> accept) {
    return filtered(g -> g.string(minLength, maxLength, chars), accept);
  }

  /** A value of {@code generate} that passes {@code accept}; gives up after 10,000 rejections. */
  public <T> T filtered(Function<Gen, T> generate, Predicate<T> accept) {
    for (int i = 0; i < 10_000; i++) {
      T value = generate.apply(this);
      if (accept.test(value)) {
        return value;
      }
    }
    throw new IllegalStateException("the filter rejects nearly every generated value");
  }

  /** A list of {@code minSize..maxSize} elements; edge: the smallest size. */
  public <T> List<T> list(int minSize, int maxSize, Function<Gen, T> element) {
    int size = edge() ? minSize : (int) longs(minSize, maxSize);
    List<T> list = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      list.add(element.apply(this));
    }
    return list;
  }

  /** One of {@code values}, uniformly. */
  public <T> T pick(List<T> values) {
    return values.get(random.nextInt(values.size()));
  }

  /** One of an enum's constants, uniformly. */
  public <E extends Enum<E>> E pick(Class<E> type) {
    return pick(List.of(type.getEnumConstants()));
  }

  /** The value of one of {@code choices}, chosen uniformly. */
  @SafeVarargs
  public final <T> T oneOf(Function<Gen, ? extends T>... choices) {
    return choices[random.nextInt(choices.length)].apply(this);
  }

  private boolean edge() {
    return random.nextInt(EDGE_ONE_IN) == 0;
  }

  private static <N extends Comparable<N>> List<N> edges(N min, N max, List<N> candidates) {
    return candidates.stream()
        .filter(n -> n.compareTo(min) >= 0 && n.compareTo(max) <= 0)
        .distinct()
        .toList();
  }
}

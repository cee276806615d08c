package dev.quarry.testing;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.StringJoiner;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Seeded randomized tests in plain JUnit 5: {@link #check} generates a fixed number of cases from
 * one seed and checks an invariant on each. The seed is {@code -Dquarry.seed=N} when given,
 * otherwise drawn once per test JVM; it is printed for every property and named in every failure,
 * so that {@code ./mvnw test -Dtest=Class -Dquarry.seed=N} repeats the failing case exactly. Each
 * property derives its own stream from the seed and its name, so that one property's cases do not
 * depend on which other properties ran before it. There is no shrinking: a failure shows the input
 * as generated.
 */
public final class RandomCases {
  /** The system property that fixes the seed. */
  public static final String SEED_PROPERTY = "quarry.seed";

  private static final long SEED = chooseSeed();

  private RandomCases() {}

  /** The seed of this test JVM. */
  public static long seed() {
    return SEED;
  }

  /**
   * Generates {@code cases} inputs and checks {@code invariant} on each; the first failure (an
   * assertion or any other exception) is rethrown as an {@link AssertionError} that names the
   * property, the case, the seed and the input.
   */
  public static <T> void check(
      String property, int cases, Function<Gen, T> generate, Consumer<T> invariant) {
    System.out.printf(
        "%s: %d cases, seed=%d (re-run with -D%s=%d)%n",
        property, cases, SEED, SEED_PROPERTY, SEED);
    Gen gen = new Gen(SEED ^ (property.hashCode() * 0x9E3779B97F4A7C15L));
    for (int i = 1; i <= cases; i++) {
      T input = generate.apply(gen);
      try {
        invariant.accept(input);
      } catch (AssertionError | RuntimeException e) {
        throw new AssertionError(
            String.format(
                "%s failed at case %d of %d, seed=%d (re-run with -D%s=%d)%ninput: %s%n%s",
                property, i, cases, SEED, SEED_PROPERTY, SEED, show(input), e.getMessage()),
            e);
      }
    }
  }

  private static String show(Object input) {
    return cut(text(input), 4000);
  }

  private static String cut(String s, int max) {
    return s.length() > max ? s.substring(0, max) + "… (" + s.length() + " chars)" : s;
  }

  /** Records and arrays spelt out (a record's own toString prints arrays as "[F@1b2c3d"). */
  private static String text(Object value) {
    if (value instanceof Record r) {
      StringJoiner parts = new StringJoiner(", ", r.getClass().getSimpleName() + "[", "]");
      for (RecordComponent c : r.getClass().getRecordComponents()) {
        try {
          c.getAccessor().setAccessible(true); // test records are rarely public
          parts.add(c.getName() + "=" + cut(text(c.getAccessor().invoke(r)), 1000));
        } catch (ReflectiveOperationException e) {
          return r.toString();
        }
      }
      return parts.toString();
    }
    if (value != null && value.getClass().isArray()) {
      String deep = Arrays.deepToString(new Object[] {value});
      return deep.substring(1, deep.length() - 1);
    }
    return value instanceof String str ? '"' + str + '"' : String.valueOf(value);
  }

  private static long chooseSeed() {
    String given = System.getProperty(SEED_PROPERTY);
    if (given == null || given.isBlank()) {
      return ThreadLocalRandom.current().nextLong(1, 1_000_000_000L);
    }
    try {
      return Long.parseLong(given.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "-D" + SEED_PROPERTY + " must be a whole number, got '" + given + "'", e);
    }
  }
}

package dev.quarry.index.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.quarry.testing.RandomCases;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.IndexInput;
import org.apache.lucene.store.IndexOutput;
import org.apache.lucene.store.MMapDirectory;
import org.apache.lucene.store.RandomAccessInput;
import org.apache.lucene.util.VectorUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The in-place int8 kernel gives exactly the integer of the copying one (Lucene's {@code
 * uint8DotProduct}) for random codes at random dimensions and offsets, one code at a time and four
 * at a time, extremes (all 255) included. The seed is printed (re-run with -Dquarry.seed=N).
 */
class Uint8CodeDotsTest {
  @TempDir Path dir;

  @Test
  void vectorizedUnderTheTestFlags() {
    // The build runs tests with --add-modules jdk.incubator.vector; on JDK 22+ it compiles the
    // kernel (index/pom.xml), which must then be the one under test below, or this test would
    // compare the copy with itself. A JDK 21 build has no such kernel to test.
    assumeTrue(Runtime.version().feature() >= 22, "JDK 21 builds leave the kernel out");
    assertThat(Uint8CodeDots.vectorized()).isTrue();
  }

  @Test
  void aFreshJvmGetsThePlainLoopFirstThenTheVectorKernel() throws Exception {
    assumeTrue(Uint8CodeDots.vectorized(), "no Vector API kernel in this JVM");
    try (Directory directory = new MMapDirectory(dir)) {
      try (IndexOutput out = directory.createOutput("codes", IOContext.DEFAULT)) {
        out.writeBytes(new byte[] {1, 2, 3, (byte) 255}, 4);
      }
      try (IndexInput in = directory.openInput("codes", IOContext.DEFAULT)) {
        RandomAccessInput codes = in.randomAccessSlice(0, 4);
        byte[] query = {4, 5, 6, (byte) 255};
        Uint8CodeDots last = null;
        // Other tests in this JVM may have used some of the cold calls already.
        for (int i = 0; i <= Uint8CodeDots.COLD_KERNELS; i++) {
          last = Uint8CodeDots.of(codes, query);
          assertThat(last.dot(0)).isEqualTo(4 + 10 + 18 + 255 * 255);
        }
        assertThat(last.getClass().getSimpleName()).isEqualTo("PanamaUint8CodeDots");
      }
    }
  }

  @Test
  void inPlaceEqualsCopying() throws Exception {
    long seed = RandomCases.seed();
    System.out.println(
        "Uint8CodeDotsTest: seed=" + seed + " (re-run with -Dquarry.seed=" + seed + ")");
    Random random = new Random(seed);
    try (Directory directory = new MMapDirectory(dir)) {
      for (int round = 0; round < 40; round++) {
        int dims = round < 4 ? new int[] {1, 15, 384, 784}[round] : 1 + random.nextInt(1100);
        int codes = 1 + random.nextInt(30);
        // Records longer than the code, at an odd start, as in Lucene's .veq (code + corrections).
        int record = dims + random.nextInt(20);
        int start = random.nextInt(9);
        byte[] file = new byte[start + codes * record];
        random.nextBytes(file);
        if (round % 5 == 0) {
          Arrays.fill(file, (byte) 0xFF);
        }
        String name = "codes" + round;
        try (IndexOutput out = directory.createOutput(name, IOContext.DEFAULT)) {
          out.writeBytes(file, file.length);
        }
        byte[] query = new byte[dims];
        random.nextBytes(query);
        if (round % 5 == 0) {
          Arrays.fill(query, (byte) 0xFF);
        }
        try (IndexInput in = directory.openInput(name, IOContext.DEFAULT)) {
          RandomAccessInput positional = in.randomAccessSlice(start, file.length - start);
          Uint8CodeDots inPlace = Uint8CodeDots.vectorKernel(positional, query);
          assertThat(inPlace.getClass().getSimpleName()).isEqualTo("PanamaUint8CodeDots");
          Uint8CodeDots copying = Uint8CodeDots.copying(positional, query);
          Uint8CodeDots scalar = Uint8CodeDots.scalar(positional, query);
          long[] at = new long[codes];
          for (int c = 0; c < codes; c++) {
            at[c] = (long) random.nextInt(codes) * record;
            int expected =
                VectorUtil.uint8DotProduct(
                    query,
                    Arrays.copyOfRange(file, start + (int) at[c], start + (int) at[c] + dims));
            assertThat(copying.dot(at[c])).isEqualTo(expected);
            assertThat(scalar.dot(at[c])).isEqualTo(expected);
            assertThat(inPlace.dot(at[c])).as("dims %d, code %d", dims, c).isEqualTo(expected);
          }
          int[] bulk = new int[codes];
          int[] expected = new int[codes];
          inPlace.dots(at, bulk, codes);
          copying.dots(at, expected, codes);
          assertThat(bulk).as("dims %d, %d codes", dims, codes).isEqualTo(expected);
        }
      }
    }
  }
}

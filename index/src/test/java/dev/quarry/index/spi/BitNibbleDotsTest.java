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
 * The in-place binary kernel gives exactly Lucene's {@code int4BitDotProduct} (on copies of the
 * query's planes and the code), as does the portable one, for random codes of random lengths
 * (Lucene's 48 and 104 bytes for 384 and 784 dimensions among them) at random offsets, one code at
 * a time and four per pass, all-ones extremes included. The seed is printed (re-run with
 * -Dquarry.seed=N).
 */
class BitNibbleDotsTest {
  @TempDir Path dir;

  @Test
  void vectorizedUnderTheTestFlags() {
    // As for Uint8CodeDotsTest: on JDK 22+ the build compiles the kernel, which must then be the
    // one under test below; a JDK 21 build has none.
    assumeTrue(Runtime.version().feature() >= 22, "JDK 21 builds leave the kernel out");
    assertThat(BitNibbleDots.vectorized()).isTrue();
  }

  @Test
  void inPlaceEqualsLucene() throws Exception {
    long seed = RandomCases.seed();
    System.out.println(
        "BitNibbleDotsTest: seed=" + seed + " (re-run with -Dquarry.seed=" + seed + ")");
    Random random = new Random(seed);
    try (Directory directory = new MMapDirectory(dir)) {
      for (int round = 0; round < 60; round++) {
        int codeBytes =
            round < 6 ? new int[] {1, 8, 32, 40, 48, 104}[round] : 1 + random.nextInt(200);
        int codes = 1 + random.nextInt(30);
        // Records longer than the code, at an odd start, as in Lucene's .veq (code + corrections).
        int record = codeBytes + random.nextInt(20);
        int start = random.nextInt(9);
        byte[] file = new byte[start + codes * record];
        random.nextBytes(file);
        byte[] transposed = new byte[4 * codeBytes];
        random.nextBytes(transposed);
        if (round % 5 == 0) {
          Arrays.fill(file, (byte) 0xFF);
          Arrays.fill(transposed, (byte) 0xFF);
        }
        String name = "codes" + round;
        try (IndexOutput out = directory.createOutput(name, IOContext.DEFAULT)) {
          out.writeBytes(file, file.length);
        }
        long[] planes = CodeKernels.planes(transposed, codeBytes);
        try (IndexInput in = directory.openInput(name, IOContext.DEFAULT)) {
          RandomAccessInput positional = in.randomAccessSlice(start, file.length - start);
          BitNibbleDots fastest = BitNibbleDots.of(positional, planes, codeBytes);
          if (BitNibbleDots.vectorized()) {
            assertThat(fastest.getClass().getSimpleName()).isEqualTo("PanamaBitNibbleDots");
          }
          BitNibbleDots portable = BitNibbleDots.portable(positional, planes, codeBytes);
          long[] at = new long[codes];
          int[] expected = new int[codes];
          for (int c = 0; c < codes; c++) {
            at[c] = (long) random.nextInt(codes) * record;
            int from = start + (int) at[c];
            byte[] code = Arrays.copyOfRange(file, from, from + codeBytes);
            expected[c] = (int) VectorUtil.int4BitDotProduct(transposed, code);
            assertThat(portable.dot(at[c])).isEqualTo(expected[c]);
            assertThat(fastest.dot(at[c]))
                .as("%d bytes, code %d", codeBytes, c)
                .isEqualTo(expected[c]);
          }
          int[] bulk = new int[codes];
          fastest.dots(at, bulk, codes);
          assertThat(bulk).as("%d bytes, %d codes", codeBytes, codes).isEqualTo(expected);
        }
      }
    }
  }
}

package dev.quarry.bench.jmh;

import dev.quarry.core.Vectors;
import dev.quarry.index.spi.BitNibbleDots;
import dev.quarry.index.spi.CodeKernels;
import dev.quarry.index.spi.QueryQuantizer;
import dev.quarry.index.spi.Uint8CodeDots;
import dev.quarry.index.spi.VectorRotation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.IndexInput;
import org.apache.lucene.store.IndexOutput;
import org.apache.lucene.store.MMapDirectory;
import org.apache.lucene.store.RandomAccessInput;
import org.apache.lucene.util.VectorUtil;
import org.apache.lucene.util.quantization.OptimizedScalarQuantizer;
import org.apache.lucene.util.quantization.OptimizedScalarQuantizer.QuantizationResult;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The similarity kernels every search and graph build spends its time in, per encoding: float32 dot
 * product and squared distance (Lucene's Panama SIMD path) beside a plain scalar loop as the peer,
 * int8 (signed, and the unsigned one Quarry's int8 codes use) and packed int4 dot products, the XOR
 * bit count, and the 1-bit × 4-bit dot product of binary codes against a quantized query: Lucene's
 * on arrays beside Quarry's in-place ones, which read the code from a memory-mapped file (decision
 * 0120: scalar; decision 0168: Vector API popcount, one code or four per pass); likewise the
 * unsigned int8 dot product, copied from the file for Lucene's kernel or read in place with the
 * Vector API, one code or four per pass (decision 0161); and the rotation a binary collection puts
 * each query through (decision 0180) and the quantization of a query (decision 0182), beside a
 * float32 dot product of the same length as the peer. 384 dimensions is all-MiniLM-L6-v2 and
 * bge-small; 784 is Fashion-MNIST.
 *
 * <p>Run: {@code bin/bench jmh VectorKernels} (seed: {@code -p seed=N}; a quick look: {@code
 * bin/bench jmh VectorKernels -f 1 -wi 2 -i 3}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class VectorKernels {
  @Param({"384", "784"})
  int dims;

  @Param("42")
  long seed;

  float[] a;
  float[] b;
  byte[] a8;
  byte[] b8;
  byte[] a4Packed;
  byte[] b4;
  byte[] aBits;
  byte[] bBits;
  byte[] u8;
  byte[] u8Scratch;
  byte[] queryNibblePlanes;
  byte[] docBitCode;
  long[] queryPlanes;
  Path folder;
  Directory directory;
  IndexInput file;
  RandomAccessInput mappedBitCode;
  RandomAccessInput mappedBitCodes;
  RandomAccessInput mappedU8Code;
  RandomAccessInput mappedU8Codes;
  Uint8CodeDots inPlaceU8;
  Uint8CodeDots copyingU8;
  Uint8CodeDots scalarU8;
  BitNibbleDots vectorBits;
  long[] fourCodes;
  long[] fourBitCodes;
  int[] fourDots = new int[4];
  VectorRotation rotation;
  OptimizedScalarQuantizer luceneQuantizer =
      new OptimizedScalarQuantizer(VectorSimilarityFunction.EUCLIDEAN, 0.1f, 0);

  @Setup
  public void setUp() {
    System.out.println("VectorKernels seed=" + seed);
    SplittableRandom random = new SplittableRandom(seed);
    a = Vectors.normalizeInPlace(gaussian(random, dims));
    b = Vectors.normalizeInPlace(gaussian(random, dims));
    rotation = VectorRotation.of(VectorRotation.ID, dims);
    a8 = bytes(random, dims, -127, 128);
    b8 = bytes(random, dims, -127, 128);
    b4 = bytes(random, dims, 0, 16);
    byte[] a4 = bytes(random, dims, 0, 16);
    a4Packed = new byte[(dims + 1) / 2];
    for (int i = 0; i < a4Packed.length; i++) {
      int hi = a4[i];
      int lo = i + a4Packed.length < dims ? a4[i + a4Packed.length] : 0;
      a4Packed[i] = (byte) ((hi << 4) | lo);
    }
    aBits = bytes(random, (dims + 7) / 8, -128, 128);
    bBits = bytes(random, (dims + 7) / 8, -128, 128);
    u8 = bytes(random, dims, 0, 256);
    u8Scratch = new byte[dims];
    // One bit a dimension, in whole bytes, as Lucene 10.6's format packs them (784 → 98 bytes).
    int bitBytes = (dims + 7) / 8;
    docBitCode = bytes(random, bitBytes, -128, 128);
    queryNibblePlanes = bytes(random, 4 * bitBytes, -128, 128);
    queryPlanes = CodeKernels.planes(queryNibblePlanes, bitBytes);
    try {
      folder = Files.createTempDirectory("vector-kernels");
      directory = new MMapDirectory(folder);
      try (IndexOutput out = directory.createOutput("codes", IOContext.DEFAULT)) {
        out.writeBytes(docBitCode, docBitCode.length);
        out.writeBytes(b8, b8.length);
        for (int i = 0; i < 3; i++) {
          byte[] code = bytes(random, dims, 0, 256);
          out.writeBytes(code, code.length);
        }
      }
      file = directory.openInput("codes", IOContext.DEFAULT);
      mappedBitCode = file.randomAccessSlice(0, bitBytes);
      mappedU8Code = file.randomAccessSlice(bitBytes, b8.length);
      mappedU8Codes = file.randomAccessSlice(bitBytes, 4L * dims);
      copyingU8 = Uint8CodeDots.copying(mappedU8Codes, u8);
      scalarU8 = Uint8CodeDots.scalar(mappedU8Codes, u8);
      inPlaceU8 = Uint8CodeDots.vectorKernel(mappedU8Codes, u8);
      if (inPlaceU8 == null) {
        inPlaceU8 = copyingU8;
      }
      // Four binary codes: the first, and three more cut from the bytes after it.
      mappedBitCodes = file.randomAccessSlice(0, 4L * bitBytes);
      vectorBits = BitNibbleDots.of(mappedBitCodes, queryPlanes, bitBytes);
      fourBitCodes = new long[] {0, bitBytes, 2L * bitBytes, 3L * bitBytes};
      System.out.println("VectorKernels int8 in place: " + inPlaceU8.getClass().getSimpleName());
      System.out.println("VectorKernels binary: " + vectorBits.getClass().getSimpleName());
      fourCodes = new long[] {0, dims, 2L * dims, 3L * dims};
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @TearDown
  public void tearDown() throws IOException {
    file.close();
    directory.close();
    Files.deleteIfExists(folder.resolve("codes"));
    Files.deleteIfExists(folder);
  }

  private static float[] gaussian(SplittableRandom random, int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      // Box-Muller: SplittableRandom has no nextGaussian.
      v[i] =
          (float)
              (Math.sqrt(-2 * Math.log(1 - random.nextDouble()))
                  * Math.cos(2 * Math.PI * random.nextDouble()));
    }
    return v;
  }

  private static byte[] bytes(SplittableRandom random, int n, int from, int to) {
    byte[] v = new byte[n];
    for (int i = 0; i < n; i++) {
      v[i] = (byte) random.nextInt(from, to);
    }
    return v;
  }

  /** Once per query of a binary collection: compare with a few dot products. */
  @Benchmark
  public float[] queryRotation() {
    return rotation.apply(a);
  }

  /** Once per query and segment of a quantized collection: 4-bit query codes (binary's). */
  @Benchmark
  public QuantizationResult queryQuantize() {
    return QueryQuantizer.quantize(a, b, 4, true, u8Scratch);
  }

  /** The same with Lucene's quantizer and no interval search: what searches used before 0182. */
  @Benchmark
  public QuantizationResult queryQuantizeLucene() {
    return luceneQuantizer.scalarQuantize(a.clone(), u8Scratch, (byte) 4, b);
  }

  @Benchmark
  public float float32DotSimd() {
    return VectorUtil.dotProduct(a, b);
  }

  @Benchmark
  public float float32DotScalar() {
    float sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }

  @Benchmark
  public float float32SquareDistanceSimd() {
    return VectorUtil.squareDistance(a, b);
  }

  @Benchmark
  public int int8Dot() {
    return VectorUtil.dotProduct(a8, b8);
  }

  /** What Quarry's int8 codes (Lucene's unsigned 8-bit scalar quantization) are scored with. */
  @Benchmark
  public int int8UnsignedDot() {
    return VectorUtil.uint8DotProduct(u8, b8);
  }

  /**
   * The in-place int8 path: the code read from the mapped file into a scratch array, then dotted.
   */
  @Benchmark
  public int int8UnsignedDotFromFile() throws IOException {
    mappedU8Code.readBytes(0, u8Scratch, 0, u8Scratch.length);
    return VectorUtil.uint8DotProduct(u8, u8Scratch);
  }

  /** Quarry's int8 walk kernel (Vector API where the JVM has it): the code read in place. */
  @Benchmark
  public int int8UnsignedDotInPlace() throws IOException {
    return inPlaceU8.dot(0);
  }

  /** The same, four codes per pass, as a walk's bulk scoring of a node's neighbours (per code). */
  @Benchmark
  @OperationsPerInvocation(4)
  public int[] int8UnsignedDotInPlaceFour() throws IOException {
    inPlaceU8.dots(fourCodes, fourDots, 4);
    return fourDots;
  }

  /** The portable fallback, four codes one by one (per code). */
  @Benchmark
  @OperationsPerInvocation(4)
  public int[] int8UnsignedDotCopyingFour() throws IOException {
    copyingU8.dots(fourCodes, fourDots, 4);
    return fourDots;
  }

  /** The plain loop a fresh JVM's first searches use (decision 0172), four codes (per code). */
  @Benchmark
  @OperationsPerInvocation(4)
  public int[] int8UnsignedDotScalarFour() throws IOException {
    scalarU8.dots(fourCodes, fourDots, 4);
    return fourDots;
  }

  /** Lucene 10.6's binary scorer kernel, on a code it has copied out of the file. */
  @Benchmark
  public long binaryQueryNibbleLucene() {
    return VectorUtil.int4BitDotProduct(queryNibblePlanes, docBitCode);
  }

  /** Quarry's in-place kernel: the same sum, the code read from the mapped file. */
  @Benchmark
  public long binaryQueryNibbleInPlace() throws IOException {
    return CodeKernels.bitNibbleDot(mappedBitCode, 0, docBitCode.length, queryPlanes);
  }

  /** Quarry's binary walk kernel (Vector API popcount where the JVM has it), in place. */
  @Benchmark
  public int binaryQueryNibbleVector() throws IOException {
    return vectorBits.dot(0);
  }

  /** The same, four codes per pass, as a walk's bulk scoring (per code). */
  @Benchmark
  @OperationsPerInvocation(4)
  public int[] binaryQueryNibbleVectorFour() throws IOException {
    vectorBits.dots(fourBitCodes, fourDots, 4);
    return fourDots;
  }

  @Benchmark
  public int int4DotSinglePacked() {
    return VectorUtil.int4DotProductSinglePacked(b4, a4Packed);
  }

  @Benchmark
  public int binaryXorBitCount() {
    return VectorUtil.xorBitCount(aBits, bBits);
  }
}

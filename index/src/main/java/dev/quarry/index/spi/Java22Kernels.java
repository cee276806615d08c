package dev.quarry.index.spi;

import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Finds the factory of a kernel compiled for Java 22 from {@code src/main/java22} (decisions 0161
 * and 0168): such a class is loaded only on a JVM that can run it (Java 22 or later, {@code
 * --add-modules jdk.incubator.vector}); elsewhere, or when the build left it out (JDK 21), its
 * caller keeps its portable kernel.
 */
final class Java22Kernels {
  private Java22Kernels() {}

  /**
   * The static method {@code inPlace} of class {@code simpleName} in this package, of type {@code
   * type}; null where it cannot run. The reason goes to no log: it is no fault.
   */
  static MethodHandle factory(String simpleName, MethodType type) {
    if (Runtime.version().feature() < 22
        || ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
      return null;
    }
    try {
      Class<?> kernel =
          Class.forName(
              Java22Kernels.class.getPackageName() + "." + simpleName,
              true,
              Java22Kernels.class.getClassLoader());
      return MethodHandles.lookup().findStatic(kernel, "inPlace", type);
    } catch (ReflectiveOperationException | LinkageError e) {
      return null;
    }
  }

  /** A factory call: {@code MethodHandle.invokeExact} must be typed where it is written. */
  @FunctionalInterface
  interface Call<T> {
    T run() throws Throwable;
  }

  /** The kernel {@code call} makes (null where it declines), its checked throwables unwrapped. */
  static <T> T create(Call<T> call) throws IOException {
    try {
      return call.run();
    } catch (IOException | RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException(e);
    }
  }
}

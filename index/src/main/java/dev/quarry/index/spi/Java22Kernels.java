package dev.quarry.index.spi;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Finds the factory of a kernel compiled for Java 22 from {@code src/main/java22} (decisions 0161,
 * 0167): the foreign-memory API is a preview in Java 21, so such a class is loaded by name, once,
 * and only where the running JVM is Java 22 or later and has {@code jdk.incubator.vector} in its
 * boot layer ({@code --add-modules}, which the scripts and poms pass).
 */
final class Java22Kernels {
  private Java22Kernels() {}

  /**
   * The static method {@code inPlace} of this package's class {@code simpleName}, of {@code type};
   * null where the JVM cannot run it or the build left it out (a JDK 21 build). The reason goes to
   * no log: it is no fault.
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
}

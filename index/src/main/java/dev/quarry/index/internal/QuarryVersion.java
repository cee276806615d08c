package dev.quarry.index.internal;

/** The version of the running Quarry, from the jar manifest. */
final class QuarryVersion {
  private QuarryVersion() {}

  static String get() {
    String v = QuarryVersion.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }
}

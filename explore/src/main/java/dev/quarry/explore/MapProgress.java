package dev.quarry.explore;

/** Progress of a map's stages (neighbours, layout), each counted in its own steps. */
public interface MapProgress extends AutoCloseable {
  /** A new stage of {@code total} steps begins. */
  void stage(String name, long total);

  /** {@code done} steps of the current stage are finished. */
  void step(long done);

  /** Ends the last stage. */
  @Override
  default void close() {}

  static MapProgress none() {
    return new MapProgress() {
      @Override
      public void stage(String name, long total) {}

      @Override
      public void step(long done) {}
    };
  }
}

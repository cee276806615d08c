package dev.quarry.explore.cli;

import dev.quarry.engine.cli.CliPlugin;
import java.util.List;

/**
 * Adds {@code quarry classify}, {@code quarry cluster}, {@code quarry dupes} and {@code quarry map}
 * (listed in META-INF/services).
 */
public final class ExplorePlugin implements CliPlugin {
  @Override
  public List<Object> commands() {
    return List.of(
        new ClassifyCommand(), new ClusterCommand(), new DupesCommand(), new MapCommand());
  }
}

package dev.quarry.server;

import dev.quarry.engine.cli.CliPlugin;
import java.util.List;

/** Adds {@code quarry serve} to the command line (decision 0051). */
public final class ServePlugin implements CliPlugin {
  @Override
  public List<Object> commands() {
    return List.of(new ServeCommand());
  }
}

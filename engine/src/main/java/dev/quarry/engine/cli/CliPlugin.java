package dev.quarry.engine.cli;

import java.util.List;

/**
 * Adds commands to {@code quarry} from a module that sits above the engine (the server, the explore
 * commands), found with {@link java.util.ServiceLoader}: the engine cannot depend on those modules,
 * so they register themselves. Implementations are listed in {@code
 * META-INF/services/dev.quarry.engine.cli.CliPlugin} and need a public no-argument constructor.
 */
public interface CliPlugin {
  /**
   * The picocli command objects to add under {@code quarry}; each is annotated with
   * {@code @Command} and its name must not clash with a built-in command.
   */
  List<Object> commands();
}

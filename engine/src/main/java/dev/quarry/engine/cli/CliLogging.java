package dev.quarry.engine.cli;

import picocli.CommandLine;

/**
 * Configures the CLI's logging binding (slf4j-simple; the library modules only use slf4j-api):
 * quiet by default (warnings), {@code -v} info, {@code -vv} debug with traces. {@code
 * -Dquarry.debug=true} means {@code -vv}, and any {@code -Dorg.slf4j.simpleLogger.*} given on the
 * command line wins. slf4j-simple reads these properties once, when the first logger is created, so
 * this runs after parsing the arguments and before any command.
 */
final class CliLogging {
  private static final String PREFIX = "org.slf4j.simpleLogger.";

  private CliLogging() {}

  /** How many times -v was given, on the top command or a subcommand. */
  static int verbosity(CommandLine.ParseResult parseResult) {
    int count = 0;
    for (CommandLine.ParseResult pr = parseResult; pr != null; pr = pr.subcommand()) {
      count = Math.max(count, pr.matchedOptionValue("--verbose", new boolean[0]).length);
    }
    return Boolean.getBoolean("quarry.debug") ? Math.max(count, 2) : count;
  }

  static void configure(int verbosity) {
    setDefault("defaultLogLevel", verbosity >= 2 ? "debug" : verbosity == 1 ? "info" : "warn");
    setDefault("logFile", "System.err");
    setDefault("showThreadName", verbosity >= 2 ? "true" : "false");
    setDefault("showDateTime", verbosity >= 2 ? "true" : "false");
    setDefault("dateTimeFormat", "HH:mm:ss.SSS");
    setDefault("showShortLogName", "true");
    setDefault("levelInBrackets", "false");
  }

  private static void setDefault(String key, String value) {
    if (System.getProperty(PREFIX + key) == null) {
      System.setProperty(PREFIX + key, value);
    }
  }
}

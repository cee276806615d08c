package dev.quarry.engine.cli;

import dev.quarry.core.QuarryException;
import dev.quarry.engine.QuarryHome;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code quarry} command line. Results go to stdout, logs and errors to stderr. Exit codes: 0
 * success, 2 usage error (bad option or argument), 1 any other failure.
 */
@Command(
    name = "quarry",
    mixinStandardHelpOptions = true,
    versionProvider = QuarryCli.Version.class,
    description = "Quarry: embedded semantic search for the JVM.",
    subcommands = {
      DemoCommand.class,
      IndexCommand.class,
      SearchCommand.class,
      DocumentCommands.Get.class,
      DocumentCommands.Delete.class,
      ModelsCommand.class,
      EmbedCommand.class,
      EvalCommand.class,
      CollectionCommands.Stats.class,
      CollectionCommands.Verify.class,
      CollectionCommands.Reindex.class,
      CollectionCommands.Compact.class,
      CommandLine.HelpCommand.class
    })
public final class QuarryCli implements Runnable {
  static final int EXIT_FAILURE = 1;

  /** Held so that the level sticks: Lucene's vectorization notice is noise on a CLI. */
  private static final java.util.logging.Logger LUCENE_LOG =
      java.util.logging.Logger.getLogger("org.apache.lucene");

  static final int EXIT_USAGE = 2;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing command");
  }

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs the CLI on stdout and stderr and returns its exit code. */
  public static int execute(String... args) {
    return execute(
        new PrintWriter(System.out, true, StandardCharsets.UTF_8),
        new PrintWriter(System.err, true, StandardCharsets.UTF_8),
        args);
  }

  /** Runs the CLI on the given writers and returns its exit code (for tests and embedding). */
  public static int execute(PrintWriter out, PrintWriter err, String... args) {
    QuarryHome.prepareRuntime();
    LUCENE_LOG.setLevel(java.util.logging.Level.WARNING);
    CommandLine cli = new CommandLine(new QuarryCli());
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          PrintWriter errors = commandLine.getErr();
          if (e instanceof QuarryException q) {
            errors.println("error: " + q.getMessage());
            if (Boolean.getBoolean("quarry.debug") && q.getCause() != null) {
              q.getCause().printStackTrace(errors);
            }
            errors.flush();
            return q.kind() == QuarryException.Kind.INVALID_ARGUMENT ? EXIT_USAGE : EXIT_FAILURE;
          }
          errors.println(
              "error: unexpected " + e + " (run with -Dquarry.debug=true for the trace)");
          if (Boolean.getBoolean("quarry.debug")) {
            e.printStackTrace(errors);
          }
          errors.flush();
          return EXIT_FAILURE;
        });
    cli.setParameterExceptionHandler(
        (e, args2) -> {
          CommandLine cmd = e.getCommandLine();
          cmd.getErr().println("error: " + e.getMessage());
          cmd.getErr()
              .println("try '" + cmd.getCommandSpec().qualifiedName() + " --help' for usage");
          cmd.getErr().flush();
          return EXIT_USAGE;
        });
    return cli.execute(args);
  }

  /** Reads the version from the jar manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = QuarryCli.class.getPackage().getImplementationVersion();
      return new String[] {"quarry " + (v == null ? "(development build)" : v)};
    }
  }
}

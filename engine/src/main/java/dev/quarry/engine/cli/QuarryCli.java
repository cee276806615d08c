package dev.quarry.engine.cli;

import dev.quarry.core.ErrorText;
import dev.quarry.core.QuarryException;
import dev.quarry.engine.QuarryHome;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The {@code quarry} command line. Results go to stdout, logs and errors to stderr; an error is one
 * line. Exit codes: {@link ExitCodes}.
 */
@Command(
    name = "quarry",
    mixinStandardHelpOptions = true,
    versionProvider = QuarryCli.Version.class,
    description = "Quarry: embedded semantic search for the JVM.")
public final class QuarryCli implements Runnable {
  /** Held so that the level sticks: Lucene's vectorization notice is noise on a CLI. */
  private static final java.util.logging.Logger LUCENE_LOG =
      java.util.logging.Logger.getLogger("org.apache.lucene");

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = {"-v", "--verbose"},
      scope = ScopeType.INHERIT,
      description =
          "Log what happens on stderr: -v recovery and fallbacks, -vv details and traces.")
  boolean[] verbose = new boolean[0];

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
    CommandLine cli = commandLine(args);
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionStrategy(
        parseResult -> {
          CliLogging.configure(CliLogging.verbosity(parseResult));
          return new CommandLine.RunLast().execute(parseResult);
        });
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          Logger log = LoggerFactory.getLogger(QuarryCli.class);
          log.debug("trace of the error below", e);
          PrintWriter errors = commandLine.getErr();
          errors.println("error: " + ErrorText.describe(e));
          errors.flush();
          return e instanceof QuarryException q ? ExitCodes.of(q.kind()) : ExitCodes.FAILURE;
        });
    cli.setParameterExceptionHandler(
        (e, args2) -> {
          CommandLine cmd = e.getCommandLine();
          cmd.getErr()
              .println(
                  "error: "
                      + ErrorText.oneLine(e.getMessage())
                      + " (see '"
                      + cmd.getCommandSpec().qualifiedName()
                      + " --help')");
          cmd.getErr().flush();
          return ExitCodes.USAGE;
        });
    return cli.execute(args);
  }

  /** The built-in commands, in the order help lists them; the plugins' commands follow. */
  private static final List<Class<?>> BUILT_IN =
      List.of(
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
          CommandLine.HelpCommand.class);

  /**
   * The command line with the built-in command that {@code args} name, or with every command (help,
   * an unknown or plugin command, none). Picocli reads every registered command's annotations by
   * reflection when it is added, and plugins are found by scanning the class path: a tenth of a
   * cold {@code quarry search} that runs one command (decision 0159).
   */
  static CommandLine commandLine(String... args) {
    CommandLine cli = new CommandLine(new QuarryCli());
    String named = commandWord(args);
    for (Class<?> command : BUILT_IN) {
      String name = command.getAnnotation(Command.class).name();
      if (name.equals(named) && command != CommandLine.HelpCommand.class) {
        return cli.addSubcommand(command);
      }
    }
    BUILT_IN.forEach(cli::addSubcommand);
    for (CliPlugin plugin : ServiceLoader.load(CliPlugin.class)) {
      plugin.commands().forEach(cli::addSubcommand);
    }
    return cli;
  }

  /** The first word that is not an option: the root's options take no value. */
  private static String commandWord(String... args) {
    for (String arg : args) {
      if (!arg.startsWith("-")) {
        return arg;
      }
    }
    return "";
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

package dev.quarry.engine.cli;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** A plugin registered in the test classpath's service file, as the server module registers. */
public final class EchoPlugin implements CliPlugin {
  @Override
  public List<Object> commands() {
    return List.of(new Echo());
  }

  @Command(name = "test-echo", description = "Prints its argument (a test plugin).")
  static final class Echo implements Runnable {
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0")
    String word;

    @Override
    public void run() {
      spec.commandLine().getOut().println("echo " + word);
    }
  }
}

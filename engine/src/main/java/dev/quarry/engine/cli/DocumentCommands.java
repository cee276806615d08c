package dev.quarry.engine.cli;

import com.google.gson.GsonBuilder;
import dev.quarry.core.QuarryException;
import dev.quarry.engine.Quarry;
import dev.quarry.index.Collection;
import dev.quarry.index.Document;
import dev.quarry.query.filter.Filter;
import dev.quarry.query.filter.FilterParser;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** get and delete. */
final class DocumentCommands {
  private DocumentCommands() {}

  @Command(
      name = "get",
      mixinStandardHelpOptions = true,
      description = {
        "Print stored documents as JSON (one per line).",
        "Exits 3 when any id is not stored (the others are still printed)."
      })
  static final class Get implements java.util.concurrent.Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "Collection folder.")
    Path dir;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "ID", description = "Document ids.")
    List<String> ids;

    @Override
    public Integer call() {
      try (Collection c = Collection.openReadOnly(dir)) {
        var gson = new GsonBuilder().serializeNulls().disableHtmlEscaping().create();
        List<String> missing = new ArrayList<>();
        for (String id : ids) {
          Document d = c.get(id).orElse(null);
          if (d == null) {
            missing.add(id);
          } else {
            spec.commandLine().getOut().println(gson.toJson(Json.document(d)));
          }
        }
        spec.commandLine().getOut().flush();
        if (missing.isEmpty()) {
          return ExitCodes.OK;
        }
        spec.commandLine()
            .getErr()
            .println("error: not found in " + dir + ": " + String.join(", ", missing));
        spec.commandLine().getErr().flush();
        return ExitCodes.NOT_FOUND;
      }
    }
  }

  @Command(
      name = "delete",
      mixinStandardHelpOptions = true,
      description =
          "Delete documents (and their chunks) by id or by filter; committed before it returns.")
  static final class Delete implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "Collection folder.")
    Path dir;

    @Parameters(index = "1..*", arity = "0..*", paramLabel = "ID", description = "Document ids.")
    List<String> ids = List.of();

    @Option(
        names = "--filter",
        paramLabel = "EXPR",
        description = "Delete every document matching this filter.")
    String filter;

    @Option(
        names = "--model",
        paramLabel = "DIR",
        description = "The model directory, for collections built with one.")
    String model;

    @CommandLine.Mixin RemoteOptions remote;

    @Override
    public void run() {
      if (ids.isEmpty() && filter == null) {
        throw QuarryException.invalid("give document ids or --filter");
      }
      try (Quarry q = Quarry.open(dir, remote.forOpening(model))) {
        int n = ids.isEmpty() ? 0 : q.delete(ids);
        if (filter != null) {
          Filter parsed = FilterParser.parse(filter);
          FilterFields.requireKnown(parsed, q.collection().fields());
          n += q.delete(parsed);
        }
        q.commit();
        spec.commandLine().getOut().printf("deleted %d documents%n", n);
        spec.commandLine().getOut().flush();
      }
    }
  }
}

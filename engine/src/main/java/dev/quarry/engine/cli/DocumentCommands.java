package dev.quarry.engine.cli;

import com.google.gson.GsonBuilder;
import dev.quarry.core.QuarryException;
import dev.quarry.engine.Quarry;
import dev.quarry.engine.QuarryConfig;
import dev.quarry.index.Collection;
import dev.quarry.index.Document;
import dev.quarry.query.filter.FilterParser;
import java.nio.file.Path;
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
      description = "Print stored documents as JSON (one per line).")
  static final class Get implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "Collection folder.")
    Path dir;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "ID", description = "Document ids.")
    List<String> ids;

    @Override
    public void run() {
      try (Collection c = Collection.openReadOnly(dir)) {
        var gson = new GsonBuilder().serializeNulls().disableHtmlEscaping().create();
        int missing = 0;
        for (String id : ids) {
          Document d = c.get(id).orElse(null);
          if (d == null) {
            spec.commandLine().getErr().println("not found: " + id);
            missing++;
          } else {
            spec.commandLine().getOut().println(gson.toJson(Json.document(d)));
          }
        }
        spec.commandLine().getOut().flush();
        if (missing == ids.size()) {
          throw new QuarryException(QuarryException.Kind.NOT_FOUND, "no such document in " + dir);
        }
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

    @Override
    public void run() {
      if (ids.isEmpty() && filter == null) {
        throw QuarryException.invalid("give document ids or --filter");
      }
      try (Quarry q =
          Quarry.open(dir, model == null ? null : QuarryConfig.DEFAULTS.withModel(model))) {
        int n = ids.isEmpty() ? 0 : q.delete(ids);
        if (filter != null) {
          n += q.delete(FilterParser.parse(filter));
        }
        q.commit();
        spec.commandLine().getOut().printf("deleted %d documents%n", n);
        spec.commandLine().getOut().flush();
      }
    }
  }
}

package dev.quarry.engine.cli;

import dev.quarry.engine.embed.BuiltinModel;
import dev.quarry.engine.embed.ModelDescriptor;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Lists the built-in models. */
@Command(
    name = "models",
    mixinStandardHelpOptions = true,
    description = "List the built-in embedding models (weights ship in Maven Central jars).")
final class ModelsCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    PrintWriter out = spec.commandLine().getOut();
    String format = "%-20s %4s  %-7s %6s  %-5s  %-6s  %s%n";
    out.printf(
        format, "NAME", "DIMS", "POOLING", "TOKENS", "PREC", "QUERY", "SOURCE / WEIGHTS SHA256");
    for (BuiltinModel model : BuiltinModel.values()) {
      ModelDescriptor d = model.descriptor();
      out.printf(
          format,
          model.modelName() + (model == BuiltinModel.DEFAULT ? "*" : ""),
          d.dimensions(),
          d.pooling().id(),
          d.maxTokens(),
          model.precision(),
          d.queryPrefix().isEmpty() ? "-" : "prefix",
          model.artifact());
      out.printf(format, "", "", "", "", "", "", "sha256:" + model.weightsSha256());
    }
    out.println();
    out.println(
        "* default. 'prefix': queries get \""
            + BuiltinModel.BGE_SMALL_EN_V1_5.descriptor().queryPrefix()
            + "\"");
    out.println(
        "Your own model: --model DIR, with model.onnx, tokenizer.json and "
            + ModelDescriptor.FILE_NAME
            + " (docs/models.md).");
    out.flush();
  }
}

package dev.quarry.engine.cli;

import com.google.gson.stream.JsonWriter;
import dev.quarry.core.Embedder;
import dev.quarry.core.Embeddings;
import dev.quarry.core.ErrorText;
import dev.quarry.core.QuarryException;
import dev.quarry.core.Role;
import dev.quarry.engine.embed.remote.RemoteEmbedder;
import dev.quarry.engine.embed.remote.RemoteModelOptions;
import dev.quarry.engine.ingest.Utf8;
import dev.quarry.engine.io.Fvecs;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Embeds texts, one per line, to JSON lines or an .fvecs file. */
@Command(
    name = "embed",
    mixinStandardHelpOptions = true,
    description = {
      "Embed texts, one per line, from FILE or stdin.",
      "Writes one JSON object per line to stdout ({\"line\":N,\"vector\":[...]}),"
          + " or an .fvecs file with --output."
    })
final class EmbedCommand implements Runnable {
  /** Lines embedded per model call group; bounds memory for long inputs. */
  private static final int CHUNK = 2048;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin ModelOptions modelOptions;

  @Mixin RemoteOptions remote;

  @Parameters(
      arity = "0..1",
      paramLabel = "FILE",
      description = "UTF-8 text file, one text per line; '-' or absent reads stdin.")
  String input;

  @Option(
      names = "--role",
      paramLabel = "query|passage",
      description =
          "Embed as queries or passages (bge prefixes queries). Default: ${DEFAULT-VALUE}.")
  String role = Role.PASSAGE.id();

  @Option(
      names = "--dimensions",
      paramLabel = "N",
      description = "Keep the first N dimensions and re-normalize (Matryoshka). Default: all.")
  int dimensions;

  @Option(
      names = "--output",
      paramLabel = "FILE",
      description = "Write vectors to this .fvecs file instead of JSON lines on stdout.")
  Path output;

  @Override
  public void run() {
    Role parsedRole = Role.parse(role);
    if (output != null && !output.getFileName().toString().endsWith(".fvecs")) {
      throw QuarryException.invalid(
          "--output " + output + ": only .fvecs is supported; omit --output for JSON lines");
    }
    List<String> lines = readLines();
    PrintWriter err = spec.commandLine().getErr();
    long start = System.nanoTime();
    int truncated = 0;
    try (Embedder embedder = open()) {
      List<float[]> all = new ArrayList<>(output == null ? 0 : lines.size());
      JsonWriter json = output == null ? jsonOut() : null;
      for (int from = 0; from < lines.size(); from += CHUNK) {
        List<String> chunk = lines.subList(from, Math.min(lines.size(), from + CHUNK));
        Embeddings vectors = embedder.embed(chunk, parsedRole);
        truncated += vectors.truncated();
        if (json != null) {
          writeJson(json, from, vectors);
        } else {
          all.addAll(vectors.vectors());
        }
      }
      if (output != null) {
        Fvecs.write(output, all);
      } else {
        spec.commandLine().getOut().flush();
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      err.printf(
          "embedded %d texts with %s (%d dims) in %.1f s (%.0f texts/s)%s%n",
          lines.size(),
          embedder.identity().name(),
          embedder.dimensions(),
          seconds,
          lines.size() / Math.max(seconds, 1e-9),
          output == null ? "" : " -> " + output);
      if (truncated > 0) {
        err.printf(
            "note: %d of %d texts exceeded %d tokens and were truncated%n",
            truncated, lines.size(), embedder.maxTokens());
      }
      err.flush();
    }
  }

  /** The remote model when one is named, else the in-process one. */
  private Embedder open() {
    RemoteModelOptions options = remote.options();
    if (options == null) {
      return modelOptions.open(dimensions);
    }
    if (dimensions != 0) {
      throw QuarryException.invalid(
          "--dimensions truncates an in-process model's vectors; with --embed-url, give"
              + " --embed-dimensions (the length the endpoint returns)");
    }
    return RemoteEmbedder.open(options);
  }

  private JsonWriter jsonOut() {
    Writer out = spec.commandLine().getOut();
    JsonWriter json = new JsonWriter(out);
    json.setLenient(true); // lenient allows several top-level values (JSON lines)
    return json;
  }

  private void writeJson(JsonWriter json, int offset, Embeddings vectors) {
    try {
      PrintWriter out = spec.commandLine().getOut();
      for (int i = 0; i < vectors.size(); i++) {
        json.beginObject().name("line").value(offset + i + 1L).name("vector").beginArray();
        for (float x : vectors.get(i)) {
          json.value(x);
        }
        json.endArray().endObject();
        json.flush();
        out.println();
      }
    } catch (IOException e) {
      throw new QuarryException(QuarryException.Kind.IO, "cannot write to stdout: " + e, e);
    }
  }

  private List<String> readLines() {
    var decoder = Utf8.strictDecoder();
    String where = input == null || input.equals("-") ? "stdin" : input;
    try (BufferedReader reader =
        new BufferedReader(
            new InputStreamReader(
                where.equals("stdin") ? System.in : Files.newInputStream(Path.of(input)),
                decoder))) {
      List<String> lines = new ArrayList<>();
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        lines.add(line);
      }
      return lines;
    } catch (NoSuchFileException e) {
      throw new QuarryException(QuarryException.Kind.NOT_FOUND, "no such file: " + input, e);
    } catch (CharacterCodingException e) {
      throw QuarryException.invalid(where + " is not valid UTF-8: convert it first (e.g. iconv)");
    } catch (IOException e) {
      throw new QuarryException(
          QuarryException.Kind.IO, "cannot read " + where + ": " + ErrorText.describe(e), e);
    }
  }
}

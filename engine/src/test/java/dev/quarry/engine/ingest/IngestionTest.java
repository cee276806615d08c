package dev.quarry.engine.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quarry.core.QuarryException;
import dev.quarry.engine.Quarry;
import dev.quarry.engine.QuarryConfig;
import dev.quarry.index.Document;
import dev.quarry.index.SystemFields;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Idempotent ingestion, chunking, and the bad-input suite. */
class IngestionTest {
  @TempDir Path dir;

  private static final QuarryConfig CONFIG =
      QuarryConfig.DEFAULTS.withModel("all-minilm-l6-v2-q").withChunking(new ChunkOptions(64, 16));

  private static String longText(String topic, int sentences) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < sentences; i++) {
      sb.append("Sentence ")
          .append(i)
          .append(" explains another detail about ")
          .append(topic)
          .append(". ");
      if (i % 4 == 3) {
        sb.append("\n\n");
      }
    }
    return sb.toString();
  }

  private Path jsonl(String name, List<String> lines) throws IOException {
    Path p = dir.resolve(name);
    Files.write(p, lines, StandardCharsets.UTF_8);
    return p;
  }

  private static IngestReport index(Quarry q, Path file) {
    return q.ingest(
        List.of(Readers.open(file.toString(), null, FieldMapping.DEFAULT, 5_000_000)),
        Progress.none(),
        IngestPipeline.Options.DEFAULTS);
  }

  @Test
  void laterRecordsWinThroughTheLastBatchsPiecesAndBatchesEndAtTheCharacterBudget() {
    // 130 short documents in batches of 64: two full batches, then a batch of 2 with "dup"; it
    // comes first in batch one, and its later record must win. The last batch is cut into pieces
    // by length: there "again" comes long, then short, and the short later record must win.
    List<TextDocument> docs = new ArrayList<>();
    docs.add(new TextDocument("dup", null, "the first version", java.util.Map.of()));
    for (int i = 1; i < 129; i++) {
      docs.add(new TextDocument("s" + i, null, "short text number " + i, java.util.Map.of()));
    }
    docs.add(new TextDocument("dup", null, "the second version", java.util.Map.of()));
    // Long documents: three of them fill a batch by characters long before 64 documents.
    String big = "x".repeat(IngestPipeline.BATCH_CHARS / 3 + 1);
    for (int i = 0; i < 7; i++) {
      docs.add(new TextDocument("big" + i, null, big, java.util.Map.of()));
    }
    String longer = "the long first version, " + "with many more words ".repeat(40);
    for (int i = 0; i < 40; i++) {
      docs.add(new TextDocument("t" + i, null, "tail " + "word ".repeat(i), java.util.Map.of()));
    }
    docs.add(new TextDocument("again", null, longer, java.util.Map.of()));
    docs.add(new TextDocument("again", null, "short second", java.util.Map.of()));
    List<Long> updates = new ArrayList<>();
    Progress counting =
        new Progress() {
          @Override
          public void update(long documents, long chunks) {
            updates.add(documents);
          }

          @Override
          public void close() {}
        };
    try (Quarry q =
        Quarry.create(
            dir.resolve("order"),
            CONFIG.withChunking(new ChunkOptions(4096, 16)).withEmbeddingCache(false))) {
      IngestReport report =
          q.ingest(
              List.of(RecordReader.of("docs", docs)),
              counting,
              new IngestPipeline.Options(false, 64, 1000));
      assertThat(report.documents()).isEqualTo(179);
      assertThat(q.get("dup").orElseThrow().text()).isEqualTo("the second version");
      assertThat(q.get("again").orElseThrow().text()).isEqualTo("short second");
      assertThat(report.skipped()).as("'again' repeats within the last batch").isEqualTo(1);
      assertThat(report.written()).isEqualTo(178);
      assertThat(q.stats().documents()).isEqualTo(177);
    }
    // One update per batch cut (plus the final one): 2 of 64, then the rest split by characters.
    assertThat(updates.size()).isGreaterThanOrEqualTo(5);
  }

  @Test
  void aLongTitleShrinksTheChunksSoThatTitleAndChunkStillFitTheModel() {
    // The title goes in front of every chunk; with the default budget a 90-token title would push
    // each full chunk past the model's 256 tokens and cut its end.
    String title = "A very long title that names " + "one more aspect of the topic, ".repeat(12);
    TextDocument doc = new TextDocument("long-title", title, longText("titles", 60), Map.of());
    try (Quarry q =
        Quarry.create(dir.resolve("titles"), CONFIG.withChunking(ChunkOptions.DEFAULTS))) {
      IngestReport report =
          q.ingest(
              List.of(RecordReader.of("docs", List.of(doc))),
              Progress.none(),
              IngestPipeline.Options.DEFAULTS);
      assertThat(report.chunks()).isGreaterThan(2);
      assertThat(report.truncated()).isZero();
    }
  }

  @Test
  void secondRunSkipsEverythingAndAnEditReembedsOnlyItsChunks() throws IOException {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      lines.add(
          "{\"id\":\"d"
              + i
              + "\",\"title\":\"Doc "
              + i
              + "\",\"text\":\""
              + longText("topic " + i, 12).replace("\n", "\\n")
              + "\",\"date\":\"2024-01-"
              + String.format("%02d", i + 1)
              + "\",\"tags\":[\"a\",\"b\"],\"rank\":"
              + i
              + "}");
    }
    Path file = jsonl("docs.jsonl", lines);
    Path coll = dir.resolve("c");
    try (Quarry q = Quarry.create(coll, CONFIG)) {
      IngestReport first = index(q, file);
      assertThat(first.documents()).isEqualTo(20);
      assertThat(first.chunks()).isGreaterThan(20); // long texts were chunked
      assertThat(first.rejected()).isEmpty();
      var chunk = q.get("d3#1").orElseThrow();
      assertThat(chunk.parent()).isEqualTo("d3");
      assertThat(chunk.first("rank")).isEqualTo(3L);
      assertThat(chunk.metadata().get("tags")).containsExactly("a", "b");
      assertThat(chunk.first("date")).hasToString("2024-01-04T00:00:00Z");
    }
    try (Quarry q = Quarry.open(coll, CONFIG)) {
      IngestReport again = index(q, file);
      assertThat(again.skipped()).isEqualTo(20);
      assertThat(again.embedded() + again.cached()).isZero();

      // Shrink one document to a single chunk: its old chunks must go, nothing else changes.
      lines.set(5, "{\"id\":\"d5\",\"title\":\"Doc 5\",\"text\":\"Now a short text.\"}");
      IngestReport edit = index(q, jsonl("docs.jsonl", lines));
      assertThat(edit.written()).isEqualTo(1);
      assertThat(edit.skipped()).isEqualTo(19);
      assertThat(edit.embedded() + edit.cached()).isEqualTo(1);
      assertThat(q.get("d5").orElseThrow().text()).isEqualTo("Now a short text.");
      assertThat(q.get("d5#0")).isEmpty();
      assertThat(q.collection().idsWithParent("d5")).isEmpty();
      assertThat(q.verify().problems()).isEmpty();
    }
  }

  @Test
  void usersOwnBookkeepingNamedKeysRoundTripAndRerunsSkipOnNewAndOldHashKeys() throws IOException {
    String text = longText("storage", 12).replace("\n", "\\n");
    Path file =
        jsonl(
            "own.jsonl",
            List.of(
                "{\"id\":\"u\",\"text\":\"" + text + "\",\"content_hash\":\"mine\",\"chunk\":7}",
                "{\"id\":\"p\",\"text\":\"a short plain document\"}",
                "{\"id\":\"r\",\"text\":\"t\",\"quarry.chunk\":1}"));
    try (Quarry q = Quarry.create(dir.resolve("c"), CONFIG)) {
      IngestReport first = index(q, file);
      assertThat(first.documents()).isEqualTo(2);
      assertThat(first.rejected())
          .containsExactly(
              file
                  + ":3: document 'r': metadata field 'quarry.chunk' uses the prefix 'quarry.'"
                  + " reserved for Quarry's own fields; rename it (e.g. 'chunk')");
      Document chunk = q.get("u#1").orElseThrow();
      assertThat(chunk.userMetadata())
          .isEqualTo(Map.of("content_hash", List.of("mine"), "chunk", List.of(7L)));
      assertThat(chunk.first(SystemFields.CHUNK)).isEqualTo(1L);
      assertThat(chunk.first(SystemFields.CONTENT_HASH)).isNotEqualTo("mine");
      assertThat(q.collection().fields()).containsOnlyKeys("content_hash", "chunk");
      assertThat(index(q, file).skipped()).isEqualTo(2);

      // A collection written before the reserved namespace kept the hash as plain content_hash.
      List<Document> old = new ArrayList<>();
      List<String> ids = new ArrayList<>(q.collection().idsWithParent("u"));
      ids.add("p");
      for (String id : ids) {
        Document d = q.get(id).orElseThrow();
        Map<String, List<Object>> meta = new LinkedHashMap<>(d.userMetadata());
        meta.put("content_hash", d.metadata().get(SystemFields.CONTENT_HASH));
        if (d.first(SystemFields.CHUNK) != null) {
          meta.put("chunk", d.metadata().get(SystemFields.CHUNK));
        }
        old.add(new Document(id, d.title(), d.text(), d.parent(), meta, d.vector()));
      }
      q.collection().upsert(old);
      assertThat(q.get("p").orElseThrow().first(SystemFields.CONTENT_HASH)).isNull();
      IngestReport again = index(q, file);
      assertThat(again.skipped()).isEqualTo(2);
      assertThat(again.embedded() + again.cached()).isZero();
    }
  }

  @Test
  void badRecordsAreReportedWithTheirLocationAndTheJobCompletes() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    String good = "{\"id\":\"ok-%d\",\"text\":\"a perfectly fine document number %d\"}\n";
    bytes.writeBytes(String.format(good, 1, 1).getBytes(StandardCharsets.UTF_8));
    bytes.writeBytes(
        "{\"id\":\"broken\", \"text\": \n".getBytes(StandardCharsets.UTF_8)); // line 2: malformed
    bytes.writeBytes(
        "{\"text\":\"no id here\"}\n".getBytes(StandardCharsets.UTF_8)); // 3: missing id
    bytes.writeBytes(
        "{\"id\":\"empty\",\"text\":\"   \"}\n".getBytes(StandardCharsets.UTF_8)); // 4: empty text
    bytes.writeBytes(
        new byte[] {
          '{', '"', 'i', 'd', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}', '\n'
        }); // 5: not UTF-8
    bytes.writeBytes(
        ("{\"id\":\"huge\",\"text\":\"" + "x".repeat(10_000_000) + "\"}\n")
            .getBytes(StandardCharsets.UTF_8)); // 6: 10 MB
    byte[] garbage = new byte[512];
    new Random(42).nextBytes(garbage);
    for (int i = 0; i < garbage.length; i++) {
      if (garbage[i] == '\n') {
        garbage[i] = 0;
      }
    }
    bytes.writeBytes(garbage); // 7: binary garbage
    bytes.writeBytes("\n".getBytes(StandardCharsets.UTF_8));
    bytes.writeBytes("[1, 2, 3]\n".getBytes(StandardCharsets.UTF_8)); // 8: not an object
    bytes.writeBytes(
        "{\"id\":\"bad-date\",\"text\":\"t\",\"date\":\"yesterday\"}\n"
            .getBytes(StandardCharsets.UTF_8)); // 9
    bytes.writeBytes(String.format(good, 2, 2).getBytes(StandardCharsets.UTF_8)); // 10: fine
    Path file = dir.resolve("bad.jsonl");
    Files.write(file, bytes.toByteArray());

    try (Quarry q = Quarry.create(dir.resolve("c"), CONFIG)) {
      IngestReport r = index(q, file);
      assertThat(r.documents()).isEqualTo(2);
      assertThat(r.rejected()).hasSize(8);
      String all = String.join("\n", r.rejected());
      assertThat(all)
          .contains(file + ":2: malformed JSON")
          .contains(file + ":3: missing id")
          .contains(file + ":4: document 'empty' has no text")
          .contains(file + ":5: not valid UTF-8")
          .contains(file + ":6: record is 10.0 MB, over the 5.0 MB limit")
          .contains(file + ":7: ")
          .contains(file + ":8: expected a JSON object")
          .contains(file + ":9: document 'bad-date': field 'date' is not an ISO date");
      assertThat(q.verify().problems()).isEmpty();
      assertThat(q.stats().documents()).isEqualTo(2);
    }
    try (Quarry q = Quarry.open(dir.resolve("c"), CONFIG)) {
      assertThatThrownBy(
              () ->
                  q.ingest(
                      List.of(Readers.open(file.toString(), null, FieldMapping.DEFAULT, 5_000_000)),
                      Progress.none(),
                      new IngestPipeline.Options(true, 64, 1000)))
          .isInstanceOf(QuarryException.class)
          .hasMessageContaining(file + ":2: malformed JSON")
          .hasMessageContaining("--strict");
      assertThat(q.stats().documents()).isEqualTo(2); // what was committed stays
    }
  }

  @Test
  void csvTextFilesAndFoldersAreRead() throws IOException {
    Path csv = dir.resolve("docs.csv");
    Files.writeString(
        csv,
        "id,title,text,category,date\nc1,First,\"Text, with a comma\",news,2024-02-01\nc2,Second,More text,blog,2024-03-01\n");
    Path folder = Files.createDirectories(dir.resolve("notes/sub"));
    Files.writeString(folder.resolve("a.md"), "# Heading A\n\nMarkdown body about gardens.");
    Files.writeString(dir.resolve("notes/b.txt"), "Plain text about cooking.");
    Files.write(dir.resolve("notes/blob.txt"), new byte[] {(byte) 0xFF, (byte) 0xFE, 0, 1});
    try (Quarry q = Quarry.create(dir.resolve("c"), CONFIG)) {
      IngestReport r =
          q.ingest(
              List.of(
                  Readers.open(csv.toString(), null, FieldMapping.DEFAULT, 1_000_000),
                  Readers.open(
                      dir.resolve("notes").toString(), null, FieldMapping.DEFAULT, 1_000_000)),
              Progress.none(),
              IngestPipeline.Options.DEFAULTS);
      assertThat(r.documents()).isEqualTo(4);
      assertThat(r.rejected())
          .singleElement()
          .asString()
          .contains("blob.txt")
          .contains("not valid UTF-8");
      assertThat(q.get("c1").orElseThrow().metadata()).containsEntry("category", List.of("news"));
      var md = q.get("sub/a.md").orElseThrow();
      assertThat(md.title()).isEqualTo("Heading A");
      assertThat(md.metadata()).containsKeys("path", "modified");
    }
  }

  @Test
  void unknownFormatIsAUsageError() {
    assertThatThrownBy(
            () ->
                Readers.open(
                    Files.createFile(dir.resolve("x.parquet")).toString(),
                    null,
                    FieldMapping.DEFAULT,
                    10))
        .hasMessageContaining("cannot tell the format");
  }
}

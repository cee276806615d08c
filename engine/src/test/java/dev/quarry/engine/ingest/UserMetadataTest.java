package dev.quarry.engine.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quarry.core.QuarryException;
import dev.quarry.engine.Quarry;
import dev.quarry.engine.QuarryConfig;
import dev.quarry.index.FieldType;
import dev.quarry.query.SearchHit;
import dev.quarry.query.SearchRequest;
import dev.quarry.query.filter.FilterParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The user's own metadata: front matter in notes, file dates, typed CSV columns. */
class UserMetadataTest {
  @TempDir Path dir;

  private static final QuarryConfig CONFIG =
      QuarryConfig.DEFAULTS.withModel("all-minilm-l6-v2-q").withEmbeddingCache(false);

  private static IngestReport index(Quarry q, FieldMapping mapping, boolean strict, Path... in) {
    List<RecordReader> readers =
        java.util.Arrays.stream(in)
            .map(p -> Readers.open(p.toString(), null, mapping, 1_000_000))
            .toList();
    return q.ingest(
        readers,
        Progress.none(),
        new IngestPipeline.Options(
            strict,
            IngestPipeline.Options.DEFAULTS.batchDocuments(),
            IngestPipeline.Options.DEFAULTS.commitEveryChunks()));
  }

  private static List<String> ids(Quarry q, String query, String filter) {
    return q
        .search(SearchRequest.builder(query).k(20).filter(FilterParser.parse(filter)).build())
        .hits()
        .stream()
        .map(SearchHit::id)
        .sorted()
        .toList();
  }

  private Path notes() throws IOException {
    Path notes = Files.createDirectories(dir.resolve("notes"));
    Files.writeString(
        notes.resolve("roses.md"),
        """
        ---
        title: Pruning roses
        date: 2024-03-05
        tags: [garden, roses]
        minutes: 12
        draft: false
        ---
        # Roses in March

        Cut above an outward-facing bud, and remove dead wood first.
        """);
    Files.writeString(
        notes.resolve("bread.md"),
        """
        ---
        date: 2022-11-20
        tags:
          - baking
        minutes: 240
        ---
        A long, cool proof makes a better sourdough loaf.
        """);
    Files.writeString(notes.resolve("plain.txt"), "A note without front matter about tomatoes.");
    return notes;
  }

  @Test
  void frontMatterBecomesMetadataAndIsNeitherEmbeddedNorStored() throws IOException {
    Path notes = notes();
    try (Quarry q = Quarry.create(dir.resolve("c"), CONFIG)) {
      IngestReport r = index(q, FieldMapping.DEFAULT, true, notes);
      assertThat(r.documents()).isEqualTo(3);
      assertThat(r.warnings()).isEmpty();
      var roses = q.get("roses.md").orElseThrow();
      assertThat(roses.title()).isEqualTo("Pruning roses");
      assertThat(roses.text()).startsWith("# Roses in March").doesNotContain("tags");
      assertThat(roses.metadata())
          .containsEntry("date", List.of(Instant.parse("2024-03-05T00:00:00Z")))
          .containsEntry("tags", List.of("garden", "roses"))
          .containsEntry("minutes", List.of(12L))
          .containsEntry("draft", List.of(false))
          .containsKeys("path", "modified")
          .doesNotContainKey("title");
      assertThat(q.get("bread.md").orElseThrow().title()).isEqualTo("bread");
      assertThat(q.collection().fields())
          .containsEntry("date", FieldType.DATE)
          .containsEntry("tags", FieldType.KEYWORD)
          .containsEntry("minutes", FieldType.LONG)
          .containsEntry("draft", FieldType.BOOLEAN);
      assertThat(ids(q, "gardening", "date >= 2024-01-01")).containsExactly("roses.md");
      assertThat(ids(q, "baking", "tags = \"baking\" AND minutes > 60"))
          .containsExactly("bread.md");
      assertThat(ids(q, "notes", "draft = false")).containsExactly("roses.md");
      // The plain file has no date: the summary says so.
      assertThat(r.notes())
          .singleElement()
          .asString()
          .contains("2 of 3 documents have the date field 'date'");
    }
  }

  @Test
  void brokenFrontMatterIsAWarningAndStaysTextOrStopsAStrictJob() throws IOException {
    Path notes = Files.createDirectories(dir.resolve("broken"));
    Files.writeString(notes.resolve("a.md"), "---\ntitle: [unclosed\n---\nBody of a.\n");
    Files.writeString(notes.resolve("b.md"), "Body of b.\n");
    try (Quarry q = Quarry.create(dir.resolve("c"), CONFIG)) {
      IngestReport r = index(q, FieldMapping.DEFAULT, false, notes);
      assertThat(r.documents()).isEqualTo(2);
      assertThat(r.rejected()).isEmpty();
      assertThat(r.warnings())
          .singleElement()
          .asString()
          .contains("a.md: front matter is not valid YAML (line 2)")
          .endsWith("; the block is kept as text");
      assertThat(q.get("a.md").orElseThrow().text()).startsWith("---\ntitle: [unclosed");
    }
    try (Quarry q = Quarry.create(dir.resolve("strict"), CONFIG)) {
      assertThatThrownBy(() -> index(q, FieldMapping.DEFAULT, true, notes))
          .isInstanceOf(QuarryException.class)
          .hasMessageContaining("a.md: front matter is not valid YAML")
          .hasMessageNotContaining("kept as text")
          .hasMessageContaining("--strict");
    }
  }

  @Test
  void fileDatesComeFromTheModificationTimeWhenAskedAndAMissingDateFieldIsReported()
      throws IOException {
    Path notes = notes();
    Instant mtime = Instant.parse("2021-06-01T12:00:00Z");
    for (String f : List.of("roses.md", "bread.md", "plain.txt")) {
      Files.setLastModifiedTime(notes.resolve(f), FileTime.from(mtime));
    }
    FieldMapping byModified =
        new FieldMapping("id", "title", "text", "modified", List.of(), Map.of());
    try (Quarry q = Quarry.create(dir.resolve("m"), CONFIG)) {
      IngestReport r = index(q, byModified, true, notes);
      assertThat(r.notes()).isEmpty(); // every file has a modification time
      assertThat(q.get("plain.txt").orElseThrow().metadata())
          .containsEntry("date", List.of(mtime))
          .doesNotContainKey("modified");
      // --date-field modified asks for the file's time: front matter 'date' is then a plain field
      assertThat(q.get("roses.md").orElseThrow().metadata()).containsEntry("date", List.of(mtime));
    }
    try (Quarry q = Quarry.create(dir.resolve("d"), CONFIG)) {
      index(q, FieldMapping.DEFAULT, true, notes);
      // by default the front matter's date is the date, and the file's time stays 'modified'
      assertThat(q.get("roses.md").orElseThrow().metadata())
          .containsEntry("date", List.of(Instant.parse("2024-03-05T00:00:00Z")))
          .containsEntry("modified", List.of(mtime));
      assertThat(q.get("plain.txt").orElseThrow().metadata()).doesNotContainKey("date");
    }
    FieldMapping misspelt =
        new FieldMapping("id", "title", "text", "publised", List.of(), Map.of());
    try (Quarry q = Quarry.create(dir.resolve("x"), CONFIG)) {
      IngestReport r = index(q, misspelt, false, notes);
      assertThat(r.notes())
          .singleElement()
          .asString()
          .contains("no document has the date field 'publised' (--date-field); all 3 are undated");
    }
  }

  @Test
  void aFieldHoldsOneTypeAcrossFilesAndAMisfitIsRejectedNotTheJob() throws IOException {
    Path notes = Files.createDirectories(dir.resolve("versions"));
    Files.writeString(notes.resolve("a.md"), "---\nversion: 1.5\n---\nFirst release notes.\n");
    Files.writeString(notes.resolve("b.md"), "---\nversion: 2\n---\nSecond release notes.\n");
    Files.writeString(notes.resolve("c.md"), "---\nversion: soon\n---\nThird release notes.\n");
    Files.writeString(notes.resolve("d.md"), "---\nMy Key: x\n---\nFourth release notes.\n");
    try (Quarry q = Quarry.create(dir.resolve("c"), CONFIG)) {
      IngestReport r = index(q, FieldMapping.DEFAULT, false, notes);
      assertThat(r.documents()).isEqualTo(2);
      assertThat(q.get("b.md").orElseThrow().metadata()).containsEntry("version", List.of(2.0));
      assertThat(String.join("\n", r.rejected()))
          .contains("c.md: document 'c.md': field 'version' holds double values")
          .contains("d.md: document 'd.md': metadata field name 'My Key' is not allowed");
      assertThat(ids(q, "release", "version >= 1.6")).containsExactly("b.md");
    }
  }

  private Path productsCsv() throws IOException {
    Path csv = dir.resolve("products.csv");
    Files.writeString(
        csv,
        """
        id,title,text,price,stock,in_stock,released,zip,sku,date,weight
        p1,Trail shoe,Light trail running shoe with a rock plate,59.5,12,true,2024-02-01,02139,100,2024-02-01,1.2
        p2,Road shoe,Cushioned road running shoe for long runs,89,0,false,2023-09-15,10001,200,2023-09-15,n/a
        p3,Rain jacket,Packable rain jacket for running in wet weather,45,3,TRUE,2022-04-30,,A-7,,3
        """);
    return csv;
  }

  @Test
  void csvColumnsAreTypedByInferenceAndTheSummarySaysWhat() throws IOException {
    try (Quarry q = Quarry.create(dir.resolve("c"), CONFIG)) {
      IngestReport r = index(q, FieldMapping.DEFAULT, true, productsCsv());
      assertThat(r.documents()).isEqualTo(3);
      assertThat(r.notes())
          .contains(
              dir.resolve("products.csv")
                  + ": column types inferred: price=number, stock=integer, in_stock=boolean,"
                  + " released=date, zip=keyword, sku=keyword (2 of 3 values are integer; not 'A-7'),"
                  + " weight=keyword (2 of 3 values are number; not 'n/a') (declare with --types)")
          .anyMatch(n -> n.contains("2 of 3 documents have the date field 'date'"));
      assertThat(q.collection().fields())
          .containsEntry("price", FieldType.DOUBLE)
          .containsEntry("stock", FieldType.LONG)
          .containsEntry("in_stock", FieldType.BOOLEAN)
          .containsEntry("released", FieldType.DATE)
          .containsEntry("zip", FieldType.KEYWORD);
      assertThat(ids(q, "running", "price < 60")).containsExactly("p1", "p3");
      assertThat(ids(q, "running", "in_stock = true AND stock > 5")).containsExactly("p1");
      assertThat(ids(q, "running", "released < 2024-01-01")).containsExactly("p2", "p3");
      assertThat(ids(q, "running", "zip = \"02139\"")).containsExactly("p1");
    }
  }

  @Test
  void declaredCsvTypesWinAndAContradictingValueIsRejectedOrStopsAStrictJob() throws IOException {
    Path csv = productsCsv();
    FieldMapping declared =
        new FieldMapping(
            "id",
            "title",
            "text",
            "date",
            List.of(),
            ValueType.parseDeclarations(List.of("stock=number", "sku=integer", "colour=keyword")));
    try (Quarry q = Quarry.create(dir.resolve("c"), CONFIG)) {
      IngestReport r = index(q, declared, false, csv);
      assertThat(r.documents()).isEqualTo(2);
      assertThat(r.rejected())
          .singleElement()
          .asString()
          .contains(
              "products.csv:4: document 'p3': column 'sku' is declared integer (--types),"
                  + " but holds 'A-7'");
      assertThat(r.notes())
          .anyMatch(n -> n.contains("column types inferred: price=number, in_stock=boolean"))
          .anyMatch(n -> n.contains("--types names columns this file does not have: [colour]"));
      assertThat(q.collection().fields())
          .containsEntry("stock", FieldType.DOUBLE)
          .containsEntry("sku", FieldType.LONG);
    }
    try (Quarry q = Quarry.create(dir.resolve("strict"), CONFIG)) {
      assertThatThrownBy(() -> index(q, declared, true, csv))
          .isInstanceOf(QuarryException.class)
          .hasMessageContaining("column 'sku' is declared integer (--types), but holds 'A-7'")
          .hasMessageContaining("--strict");
    }
    assertThatThrownBy(() -> ValueType.parseDeclarations(List.of("price=money")))
        .hasMessage("unknown type 'money': use integer, number, boolean, date or keyword");
    assertThatThrownBy(() -> ValueType.parseDeclarations(List.of("price")))
        .hasMessageContaining("expected COLUMN=TYPE");
  }

  @Test
  void typesDeclaredForInputsThatAreNotCsvAreNotedAndAnyScalarTitleIsTheTitle() throws IOException {
    Path notes = Files.createDirectories(dir.resolve("year"));
    Files.writeString(notes.resolve("y.md"), "---\ntitle: 2024\n---\nA year in review.\n");
    FieldMapping typed =
        new FieldMapping(
            "id", "title", "text", "date", List.of(), Map.of("price", ValueType.NUMBER));
    RecordReader reader = Readers.open(notes.toString(), null, typed, 1_000_000);
    List<SourceRecord> records = new java.util.ArrayList<>();
    reader.read(records::add);
    assertThat(records.get(0).document().title()).isEqualTo("2024");
    assertThat(reader.notes())
        .contains(notes + ": --types applies to CSV/TSV columns only; not used for this input");
  }
}

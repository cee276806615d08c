package dev.quarry.engine.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Coverage-guided fuzzing of the JSON lines and CSV readers (docs/testing.md): whatever the bytes,
 * reading ends normally and each record is either a document or a rejection that says why, so one
 * broken record never stops a job. The normal test run replays the seed corpus in
 * RecordReaderFuzzTestInputs/; {@code JAZZER_FUZZ=1} fuzzes one method for real. Dictionary entries
 * are in libFuzzer's notation ({@code \x22} is a double quote, {@code \x0A} a newline).
 */
class RecordReaderFuzzTest {
  /** Small, so that the fuzzer reaches the too-long-record path too. */
  private static final int MAX_BYTES = 200;

  @FuzzTest(maxDuration = "5m")
  @DictionaryEntries({
    "{",
    "}",
    "[",
    "]",
    ":",
    ",",
    "\\x22id\\x22",
    "\\x22title\\x22",
    "\\x22text\\x22",
    "\\x22date\\x22",
    "\\x22_id\\x22",
    "2024-05-01",
    "null",
    "true",
    "1e400",
    "\\x5Cu0000",
    "\\x5Cud800",
    "\\x0A"
  })
  void jsonLinesReadToDocumentsOrRejections(byte[] input) {
    check(
        new JsonlReader("fuzz.jsonl", () -> new ByteArrayInputStream(input), mapping(), MAX_BYTES));
  }

  @FuzzTest(maxDuration = "5m")
  @DictionaryEntries({
    "id,title,text,date\\x0A",
    "\\x22",
    "\\x22\\x22",
    ",",
    "\\x0D\\x0A",
    "\\x0A",
    "2024-05-01"
  })
  void csvReadsToDocumentsOrRejections(byte[] input) {
    check(
        new CsvReader(
            "fuzz.csv", () -> new ByteArrayInputStream(input), mapping(), ',', MAX_BYTES));
  }

  private static FieldMapping mapping() {
    return FieldMapping.DEFAULT;
  }

  private static void check(RecordReader reader) {
    List<SourceRecord> records = new ArrayList<>();
    reader.read(records::add);
    for (SourceRecord r : records) {
      assertThat(r.location()).as("location").isNotBlank();
      if (r.rejected()) {
        assertThat(r.problem()).as("problem of %s", r.location()).isNotBlank();
      } else {
        assertThat(r.problem()).as("problem of an accepted record").isNull();
      }
    }
  }
}

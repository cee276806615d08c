package dev.quarry.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quarry.core.ModelIdentity;
import dev.quarry.core.QuarryException;
import dev.quarry.index.internal.DocCodec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Quarry's own fields live under the reserved prefix, apart from the user's metadata. */
class SystemFieldsTest {
  @TempDir Path dir;

  private static Document withBookkeeping() {
    return Document.builder("d#1")
        .vector(new float[] {1, 0})
        .meta("content_hash", "mine")
        .meta("chunk", 7)
        .system(SystemFields.CONTENT_HASH, "abc")
        .system(SystemFields.CHUNK, 1L)
        .build();
  }

  @Test
  void userKeysNamedLikeTheBookkeepingStayTheUsers() {
    Document d = withBookkeeping();
    assertThat(d.userMetadata())
        .isEqualTo(Map.of("content_hash", List.of("mine"), "chunk", List.of(7L)));
    assertThat(d.first(SystemFields.CONTENT_HASH)).isEqualTo("abc");
    assertThat(d.first(SystemFields.CHUNK)).isEqualTo(1L);
    assertThat(d.toBuilder().build().metadata()).isEqualTo(d.metadata());
  }

  @Test
  void aUserKeyWithTheReservedPrefixIsRefusedInOneLine() {
    assertThatThrownBy(
            () -> Document.builder("x").vector(new float[] {1}).meta("quarry.chunk", 1).build())
        .isInstanceOf(QuarryException.class)
        .hasMessage(
            "document 'x': metadata field 'quarry.chunk' uses the prefix 'quarry.' reserved for"
                + " Quarry's own fields; rename it (e.g. 'chunk')");
    assertThatThrownBy(() -> Document.builder("x").system("chunk", 1L))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void storedRecordsKeepBothApartAndVersionOneRecordsStillRead() {
    Document d = withBookkeeping();
    byte[] record = DocCodec.encodeDoc(d, 9);
    assertThat(record[0]).as("record version").isEqualTo((byte) 2);
    assertThat(DocCodec.decodeDoc(d.id(), record, d.vector()).document().metadata())
        .isEqualTo(d.metadata());
    record[0] = 1; // the same layout, written before the reserved namespace
    assertThat(DocCodec.decodeDoc(d.id(), record, d.vector()).document().userMetadata())
        .isEqualTo(d.userMetadata());
    record[0] = 3;
    assertThatThrownBy(() -> DocCodec.decodeDoc(d.id(), record, d.vector()))
        .isInstanceOf(QuarryException.class)
        .hasMessage("document 'd#1' has record version 3; this Quarry reads 1 to 2");
  }

  @Test
  void aCollectionStoresBothAndListsOnlyUserFields() {
    try (Collection c =
        Collection.create(
            dir.resolve("c"),
            CollectionConfig.forModel(new ModelIdentity("m", "abc", "mean", 2)))) {
      c.upsert(List.of(withBookkeeping()));
      assertThat(c.get("d#1").orElseThrow().metadata()).isEqualTo(withBookkeeping().metadata());
      assertThat(c.fields()).containsOnlyKeys("content_hash", "chunk");
    }
  }

  @Test
  void typeHintsUseOneCodecAndFallBackToAnAdaptersOldField() {
    List<String> stored = SystemFields.encodeTypeHints(Map.of("a=b", "int"));
    assertThat(stored).containsExactly("a=b=int");
    assertThat(SystemFields.typeHints(Map.of(SystemFields.TYPE_HINTS, List.copyOf(stored)), "old"))
        .isEqualTo(Map.of("a=b", "int"));
    assertThat(SystemFields.typeHints(Map.of("old", List.of("year=int")), "old"))
        .isEqualTo(Map.of("year", "int"));
    assertThat(SystemFields.typeHints(Map.of(), "old")).isEmpty();
  }
}

package dev.quarry.index;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.index.internal.DocCodec;
import dev.quarry.testing.Chars;
import dev.quarry.testing.Gen;
import dev.quarry.testing.RandomCases;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Store records round-trip exactly, on seeded random documents (re-run with -Dquarry.seed=N). */
class DocumentCodecProperties {

  record Case(Document document, long seq) {}

  @Test
  void documentsRoundTrip() {
    RandomCases.check(
        "documentsRoundTrip",
        300,
        gen -> new Case(document(gen), gen.longs()),
        c -> {
          Document d = c.document();
          byte[] record = DocCodec.encodeDoc(d, c.seq());
          DocCodec.Stored back = DocCodec.decodeDoc(d.id(), record, d.vector());
          assertThat(back.seq()).isEqualTo(c.seq());
          Document r = back.document();
          assertThat(r.title()).isEqualTo(d.title());
          assertThat(r.text()).isEqualTo(d.text());
          assertThat(r.parent()).isEqualTo(d.parent());
          assertThat(r.metadata()).isEqualTo(d.metadata());
          assertThat(VectorBytes.decode(d.id(), VectorBytes.encode(d.vector()), d.vector().length))
              .containsExactly(d.vector());
        });
  }

  private static Document document(Gen gen) {
    String id = gen.string(1, 20, Chars.ALPHA);
    float[] v = new float[gen.ints(1, 32)];
    for (int i = 0; i < v.length; i++) {
      v[i] = gen.floats(-10, 10);
    }
    List<Object> values = gen.list(1, 3, DocumentCodecProperties::value);
    Object first = values.get(0);
    List<Object> same = values.stream().filter(x -> x.getClass() == first.getClass()).toList();
    return Document.builder(id)
        .title(text(gen))
        .text(text(gen))
        .vector(v)
        .meta("field", same)
        .meta("single", first)
        .system(SystemFields.CHUNK, first)
        .build();
  }

  /** Up to 40 chars of any kind, or absent one time in five. */
  private static String text(Gen gen) {
    return gen.random().nextInt(5) == 0 ? null : gen.string(0, 40, Chars.ANY);
  }

  private static Object value(Gen gen) {
    return gen.oneOf(
        g -> g.string(0, 10, Chars.ANY),
        Gen::longs,
        g -> g.doubles(-1e9, 1e9),
        Gen::bool,
        g -> Instant.ofEpochSecond(g.longs(-10_000_000_000L, 10_000_000_000L), 123_456_789));
  }
}

package dev.quarry.index;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.index.internal.DocCodec;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Store records round-trip exactly; jqwik prints the seed of any failure. */
class DocumentCodecProperties {

  @Property(tries = 300)
  void documentsRoundTrip(@ForAll("documents") Document d, @ForAll long seq) {
    byte[] record = DocCodec.encodeDoc(d, seq);
    DocCodec.Stored back = DocCodec.decodeDoc(d.id(), record, d.vector());
    assertThat(back.seq()).isEqualTo(seq);
    Document r = back.document();
    assertThat(r.title()).isEqualTo(d.title());
    assertThat(r.text()).isEqualTo(d.text());
    assertThat(r.parent()).isEqualTo(d.parent());
    assertThat(r.metadata()).isEqualTo(d.metadata());
    assertThat(DocCodec.decodeVector(d.id(), DocCodec.encodeVector(d.vector()), d.vector().length))
        .containsExactly(d.vector());
  }

  @Provide
  Arbitrary<Document> documents() {
    Arbitrary<String> text = Arbitraries.strings().ofMaxLength(40).injectNull(0.2);
    Arbitrary<Object> value =
        Arbitraries.oneOf(
            Arbitraries.strings().ofMaxLength(10).map(s -> (Object) s),
            Arbitraries.longs().map(l -> (Object) l),
            Arbitraries.doubles().between(-1e9, 1e9).map(x -> (Object) x),
            Arbitraries.of(true, false).map(b -> (Object) b),
            Arbitraries.longs()
                .between(-10_000_000_000L, 10_000_000_000L)
                .map(s -> (Object) Instant.ofEpochSecond(s, 123_456_789)));
    Arbitrary<float[]> vector =
        Arbitraries.floats().between(-10, 10).array(float[].class).ofMinSize(1).ofMaxSize(32);
    return Combinators.combine(
            Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(20),
            text,
            text,
            value.list().ofMinSize(1).ofMaxSize(3),
            vector)
        .as(
            (id, title, body, values, v) -> {
              Document.Builder b = Document.builder(id).title(title).text(body).vector(v);
              Object first = values.get(0);
              List<Object> same =
                  values.stream().filter(x -> x.getClass() == first.getClass()).toList();
              b.meta("field", same);
              b.meta("single", first);
              return b.build();
            });
  }
}

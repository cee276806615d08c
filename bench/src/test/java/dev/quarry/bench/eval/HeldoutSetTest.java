package dev.quarry.bench.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Collections;
import java.util.Comparator;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The held-out set reads as its README describes, and its labels agree with its documents. */
class HeldoutSetTest {
  private static final HeldoutSet SET = HeldoutSet.read(Path.of("../data/heldout"));

  @Test
  void countsMatchTheReadme() {
    assertThat(SET.docs()).hasSize(289);
    assertThat(SET.undated()).hasSize(60);
    assertThat(SET.queries()).hasSize(362);
    assertThat(SET.queries().stream().filter(HeldoutSet.Query::recencyIntent)).hasSize(170);
    assertThat(SET.queries().stream().filter(HeldoutSet.Query::exclusion)).hasSize(107);
    assertThat(SET.queries().stream().filter(HeldoutSet.Query::ordinary)).hasSize(110);
  }

  @Test
  void labelsNameExistingDocumentsAndExpectedFirstIsTheNewestRelevantDatedOne() {
    Map<String, HeldoutSet.Doc> docs =
        SET.docs().stream().collect(Collectors.toMap(HeldoutSet.Doc::id, Function.identity()));
    for (HeldoutSet.Query q : SET.queries()) {
      assertThat(q.relevant()).as(q.id()).isNotEmpty();
      assertThat(docs.keySet().containsAll(q.relevant())).as(q.id()).isTrue();
      assertThat(docs.keySet().containsAll(q.excluded())).as(q.id()).isTrue();
      assertThat(Collections.disjoint(q.relevant(), q.excluded())).as(q.id()).isTrue();
      assertThat(q.excluded().isEmpty()).as(q.id()).isEqualTo(!q.exclusion());
      assertThat(q.ordinary()).as(q.id()).isEqualTo(!q.recencyIntent() && !q.exclusion());
      if (q.recencyIntent()) {
        LocalDate newest =
            q.relevant().stream()
                .map(id -> docs.get(id).date())
                .filter(Objects::nonNull)
                .max(Comparator.naturalOrder())
                .orElseThrow();
        assertThat(docs.get(q.expectedFirst()).date()).as(q.id()).isEqualTo(newest);
      } else {
        assertThat(q.expectedFirst()).as(q.id()).isNull();
      }
    }
  }
}

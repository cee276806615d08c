package dev.quarry.bench.eval;

import com.google.gson.JsonObject;
import dev.quarry.core.Embedder;
import dev.quarry.index.Collection;
import dev.quarry.query.QueryEngine;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The held-out figures' counterparts on the data the rules were tuned on (../shared/data): the
 * RecencyQA tuning split for the recency trigger (fresh labels positive, slow labels the ordinary
 * questions, as {@code bin/bench recencyqa} scores them), ExcluIR's rule-work queries for the
 * exclusion detector (RQ_rewrite positive, its question0 the ordinary question, as {@code bin/bench
 * excluir} counts false triggers), and the sample's tuning split for violation@10.
 *
 * @param detectors combined false triggers are over both sets' ordinary questions together
 * @param violation by arm name, on the ExcluIR sample's tuning split
 */
record TuningFigures(DetectorFigures detectors, Map<String, RankedRuns.ExclusionScores> violation) {

  static TuningFigures measure(
      Path data,
      QueryRules rules,
      Embedder embedder,
      Path work,
      String model,
      List<RankedRuns.Arm> arms)
      throws Exception {
    List<JsonObject> recencyQa =
        EvalFiles.jsonl(EvalFiles.require(data, RecencyQaEval.FILE)).stream()
            .filter(o -> Split.DEFAULT.isTuning(o.get("q_id").getAsInt()))
            .filter(
                o ->
                    Stream.of(RecencyQaEval.FRESH, RecencyQaEval.SLOW)
                        .anyMatch(s -> s.contains(o.get("majority_label").getAsString())))
            .toList();
    Detection recency =
        Detection.of(
            recencyQa,
            o -> RecencyQaEval.FRESH.contains(o.get("majority_label").getAsString()),
            o -> rules.recencyIntent(o.get("question").getAsString()));
    List<String> slow =
        recencyQa.stream()
            .filter(o -> RecencyQaEval.SLOW.contains(o.get("majority_label").getAsString()))
            .map(o -> o.get("question").getAsString())
            .toList();

    List<JsonObject> sample = EvalFiles.jsonl(EvalFiles.require(data, ExcluirEval.SAMPLE));
    Set<Integer> reported = ExcluirEval.reportIndexes(sample);
    List<JsonObject> ruleWork =
        EvalFiles.jsonl(EvalFiles.require(data, ExcluirEval.QUERIES)).stream()
            .filter(o -> !reported.contains(o.get("benchmark_index").getAsInt()))
            .toList();
    // Each query twice: its exclusionary rewrite (positive) and its original question (negative).
    List<Map.Entry<String, Boolean>> probes = new ArrayList<>();
    ruleWork.forEach(o -> probes.add(Map.entry(o.get("RQ_rewrite").getAsString(), true)));
    List<String> question0 = ruleWork.stream().map(o -> o.get("question0").getAsString()).toList();
    question0.forEach(q -> probes.add(Map.entry(q, false)));
    Detection exclusion =
        Detection.of(probes, Map.Entry::getValue, e -> rules.exclusion(e.getKey()));

    List<String> ordinary = Stream.concat(slow.stream(), question0.stream()).toList();
    DetectorFigures detectors =
        new DetectorFigures(
            recency,
            exclusion,
            recency.falsePositiveRate(),
            exclusion.falsePositiveRate(),
            DetectorFigures.share(ordinary, t -> rules.recencyIntent(t) || rules.exclusion(t)));
    return new TuningFigures(detectors, violation(sample, embedder, work, model, arms));
  }

  private static Map<String, RankedRuns.ExclusionScores> violation(
      List<JsonObject> sample,
      Embedder embedder,
      Path work,
      String model,
      List<RankedRuns.Arm> arms)
      throws Exception {
    ExcluirPool pool = ExcluirPool.of(sample);
    List<HeldoutSet.Query> tuning =
        pool.queries().stream()
            .filter(q -> Split.DEFAULT.isTuning(q.index()))
            .map(
                q ->
                    new HeldoutSet.Query(
                        "excluir-" + q.index(),
                        q.text(),
                        "excluir",
                        "exclusion",
                        false,
                        true,
                        Set.of(q.positiveId()),
                        Set.of(q.negativeId()),
                        null))
            .toList();
    Map<String, RankedRuns.ExclusionScores> out = new LinkedHashMap<>();
    try (Collection collection = pool.index(embedder, work, model)) {
      RankedRuns runs = new RankedRuns(new QueryEngine(collection, embedder), null, r -> {});
      for (RankedRuns.Arm arm : arms) {
        out.put(arm.name(), runs.exclusion(arm, tuning));
      }
    }
    return out;
  }
}

// A hit's score parts (docs/cli.md, "score parts"; ScoreParts.asMap) told in words and numbers.
// Pure: describe(parts, mode) returns rows {aspect, text}; app.js renders them.
"use strict";

(function () {
  const num = (v, digits) => (v === undefined ? "" : Number(v).toFixed(digits));

  function vector(p, mode) {
    if (mode === "keyword") {
      return "not used: keyword mode ranks by words only.";
    }
    if (p.vector === undefined) {
      return "not among the vector search's candidates (found by its words).";
    }
    return "cosine similarity " + num(p.vector, 3) + " between the query's meaning and this text.";
  }

  function exclusion(p) {
    if (p.penalty === undefined && !p.titledAfterExcluded) {
      return null;
    }
    const parts = [];
    if (p.penalty !== undefined) {
      parts.push(
        "penalty " + num(p.penalty, 3) + " because the text is close to what the query excludes;" +
          " vector score after it " + num(p.vectorFinal, 3) + ".");
    }
    if (p.titledAfterExcluded) {
      parts.push("ranked after the other hits: its title names what the query excludes.");
    }
    return parts.join(" ");
  }

  function keyword(p, mode) {
    if (mode === "vector") {
      return "not used: vector mode ranks by meaning only.";
    }
    if (p.keyword === undefined) {
      return "no keyword match (found by meaning).";
    }
    let text = "BM25 score " + num(p.keyword, 2) + " for the query's words in the title and text";
    if (p.keywordFinal !== undefined && Math.abs(p.keywordFinal - p.keyword) > 1e-9) {
      text += "; " + num(p.keywordFinal, 3) + " after the exclusion";
    }
    return text + ".";
  }

  function fusion(p) {
    if (p.fused === undefined) {
      return null;
    }
    return "reciprocal rank fusion " + num(p.fused, 4) +
      " (the sum of 1 / (60 + rank) over the vector and keyword lists).";
  }

  function recency(p) {
    if (p.final === undefined) {
      return "no decay in this search (see how the query was read).";
    }
    const gate = "relevance " + num(p.relevance, 2) + " (normalised against the best hit)";
    if (p.ageDays === undefined) {
      return "undated, so no decay; " + gate + "; ranking score " + num(p.final, 3) + ".";
    }
    return Math.round(p.ageDays) + " days old, decay factor " + num(p.decay, 3) +
      " (2^" + num(p.log2Decay, 1) + "); " + gate + "; ranking score after the decay " +
      num(p.final, 3) + ".";
  }

  /** Rows {aspect, text} for one hit's parts; aspects that do not apply are left out. */
  function describe(parts, mode) {
    const p = parts || {};
    const rows = [
      { aspect: "Vector", text: vector(p, mode) },
      { aspect: "Exclusion", text: exclusion(p) },
      { aspect: "Keyword", text: keyword(p, mode) },
      { aspect: "Fusion", text: mode === "hybrid" ? fusion(p) : null },
      { aspect: "Recency", text: recency(p) },
    ];
    return rows.filter((r) => r.text !== null);
  }

  globalThis.QuarryExplain = { describe };
})();

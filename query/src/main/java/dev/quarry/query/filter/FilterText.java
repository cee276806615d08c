package dev.quarry.query.filter;

import java.time.LocalDate;
import java.util.stream.Collectors;

/** Writes a filter in the text form {@link FilterParser} reads (for explain and round trips). */
public final class FilterText {
  private FilterText() {}

  public static String format(Filter f) {
    return switch (f) {
      case Filter.Compare c -> c.field() + " " + c.op().symbol() + " " + value(c.value());
      case Filter.In in ->
          in.field()
              + " in ["
              + in.values().stream().map(FilterText::value).collect(Collectors.joining(", "))
              + "]";
      case Filter.Exists e -> "exists(" + e.field() + ")";
      case Filter.Contains c -> c.field() + " contains " + quote(c.part());
      case Filter.TextContains t -> "text contains " + quote(t.phrase());
      case Filter.And a ->
          a.all().stream().map(FilterText::grouped).collect(Collectors.joining(" AND "));
      case Filter.Or o ->
          o.any().stream().map(FilterText::grouped).collect(Collectors.joining(" OR "));
      case Filter.Not n -> "NOT " + grouped(n.filter());
    };
  }

  private static String grouped(Filter f) {
    return f instanceof Filter.And || f instanceof Filter.Or ? "(" + format(f) + ")" : format(f);
  }

  private static String value(Object v) {
    return switch (v) {
      case String s -> quote(s);
      case LocalDate d -> d.toString();
      default -> String.valueOf(v);
    };
  }

  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}

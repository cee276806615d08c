package dev.quarry.spark;

import dev.quarry.core.QuarryException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import scala.jdk.javaapi.CollectionConverters;

/**
 * A Spark row as the named Java values that {@code FieldRecords} reads: the same values a JSON line
 * with these fields gives. A null column is left out (Spark's form of a missing field).
 */
final class RowFields {
  private RowFields() {}

  static Map<String, Object> of(Row row) {
    Map<String, Object> fields = new LinkedHashMap<>();
    StructField[] schema = row.schema().fields();
    for (int i = 0; i < schema.length; i++) {
      Object value = java(schema[i], row.get(i));
      if (value != null) {
        fields.put(schema[i].name(), value);
      }
    }
    return fields;
  }

  private static Object java(StructField column, Object v) {
    return switch (v) {
      case null -> null;
      case String s -> s;
      case Long l -> l;
      case Integer i -> i.longValue();
      case Short s -> s.longValue();
      case Byte b -> b.longValue();
      case Double d -> d;
      case Float f -> Double.parseDouble(f.toString()); // 0.1f stays 0.1, as written
      case BigDecimal d -> d.doubleValue();
      case Boolean b -> b;
      case java.sql.Date d -> d.toLocalDate();
      case LocalDate d -> d;
      case java.sql.Timestamp t -> t.toInstant();
      case Instant t -> t;
      case LocalDateTime t -> t.toInstant(ZoneOffset.UTC);
      case Row r -> of(r);
      case scala.collection.Map<?, ?> m -> {
        Map<String, Object> out = new LinkedHashMap<>();
        CollectionConverters.asJava(m)
            .forEach((k, x) -> out.put(String.valueOf(k), java(column, x)));
        yield out;
      }
      case scala.collection.Iterable<?> seq -> {
        List<Object> out = new ArrayList<>();
        CollectionConverters.asJava(seq).forEach(x -> out.add(java(column, x)));
        yield out;
      }
      default ->
          throw QuarryException.invalid(
              "column '"
                  + column.name()
                  + "' is of type "
                  + column.dataType().simpleString()
                  + ", which Quarry cannot store: drop the column or name the metadata"
                  + " columns to keep");
    };
  }
}

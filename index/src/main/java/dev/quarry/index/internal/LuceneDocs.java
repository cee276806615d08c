package dev.quarry.index.internal;

import static dev.quarry.index.spi.IndexFields.EXISTS;
import static dev.quarry.index.spi.IndexFields.ID;
import static dev.quarry.index.spi.IndexFields.PARENT;
import static dev.quarry.index.spi.IndexFields.TEXT;
import static dev.quarry.index.spi.IndexFields.TITLE;
import static dev.quarry.index.spi.IndexFields.VECTOR;

import dev.quarry.index.Document;
import dev.quarry.index.FieldType;
import dev.quarry.index.spi.IndexFields;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.lucene.document.BinaryDocValuesField;
import org.apache.lucene.document.DoublePoint;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.SortedNumericDocValuesField;
import org.apache.lucene.document.SortedSetDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.NumericUtils;

/**
 * How a document becomes Lucene fields (docs/format.md); the system fields' names are {@link
 * IndexFields}.
 */
public final class LuceneDocs {
  private LuceneDocs() {}

  /**
   * {@code idDocValues}: the id as doc values too (decision 0181), as the index's ids have them.
   */
  static org.apache.lucene.document.Document toLucene(
      Document d, float[] vector, VectorSimilarityFunction similarity, boolean idDocValues) {
    var doc = new org.apache.lucene.document.Document();
    doc.add(new StringField(ID, d.id(), Field.Store.YES));
    if (idDocValues) {
      doc.add(new BinaryDocValuesField(ID, new BytesRef(d.id())));
    }
    if (d.parent() != null) {
      doc.add(new StringField(PARENT, d.parent(), Field.Store.NO));
      doc.add(new SortedSetDocValuesField(PARENT, new BytesRef(d.parent())));
    }
    doc.add(new KnnFloatVectorField(VECTOR, vector, similarity));
    if (d.title() != null) {
      doc.add(new TextField(TITLE, d.title(), Field.Store.NO));
    }
    if (d.text() != null) {
      doc.add(new TextField(TEXT, d.text(), Field.Store.NO));
    }
    for (Map.Entry<String, List<Object>> e : d.metadata().entrySet()) {
      String name = e.getKey();
      doc.add(new StringField(EXISTS, name, Field.Store.NO));
      for (Object v : e.getValue()) {
        addValue(doc, name, Document.typeOf(v), v);
      }
    }
    return doc;
  }

  private static void addValue(
      org.apache.lucene.document.Document doc, String name, FieldType type, Object v) {
    switch (type) {
      case KEYWORD -> {
        doc.add(new StringField(name, (String) v, Field.Store.NO));
        doc.add(new SortedSetDocValuesField(name, new BytesRef((String) v)));
      }
      case BOOLEAN -> doc.add(new StringField(name, v.toString(), Field.Store.NO));
      case LONG -> {
        doc.add(new LongPoint(name, (Long) v));
        doc.add(new SortedNumericDocValuesField(name, (Long) v));
      }
      case DOUBLE -> {
        doc.add(new DoublePoint(name, (Double) v));
        doc.add(
            new SortedNumericDocValuesField(name, NumericUtils.doubleToSortableLong((Double) v)));
      }
      case DATE -> {
        long millis = ((Instant) v).toEpochMilli();
        doc.add(new LongPoint(name, millis));
        doc.add(new SortedNumericDocValuesField(name, millis));
      }
    }
  }
}

package dev.quarry.index.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.file.Path;
import java.util.Optional;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.MMapDirectory;
import org.apache.lucene.store.ReadAdvice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IndexDirectoryTest {
  @Test
  void searchesReadFloatVectorFilesWithRandomAdvice() {
    for (String file :
        new String[] {
          "_0_Lucene99HnswVectorsFormat_0.vec", "_1_Lucene104HnswScalarQuantizedVectorsFormat_0.vec"
        }) {
      assertEquals(Optional.of(ReadAdvice.RANDOM), IndexDirectory.advice(file, IOContext.DEFAULT));
    }
  }

  @Test
  void mergesAndOtherFilesKeepLucenesAdvice() {
    IOContext merge = IOContext.merge();
    String vectors = "_0_Lucene99HnswVectorsFormat_0.vec";
    assertEquals(
        MMapDirectory.ADVISE_BY_CONTEXT.apply(vectors, merge),
        IndexDirectory.advice(vectors, merge));
    for (String file :
        new String[] {
          "_0_Lucene104_0.tim",
          "_0.fdt",
          "_0_Lucene99HnswVectorsFormat_0.vem",
          "_0_Lucene99HnswVectorsFormat_0.vex",
          "_1_Lucene104HnswScalarQuantizedVectorsFormat_0.veq",
          "segments_2"
        }) {
      assertEquals(
          MMapDirectory.ADVISE_BY_CONTEXT.apply(file, IOContext.DEFAULT),
          IndexDirectory.advice(file, IOContext.DEFAULT));
    }
  }

  @Test
  void opensAMappedDirectory(@TempDir Path folder) throws Exception {
    try (FSDirectory directory = IndexDirectory.open(folder)) {
      assertInstanceOf(MMapDirectory.class, directory);
    }
  }
}

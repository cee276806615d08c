package dev.quarry.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import org.junit.jupiter.api.Test;

class ErrorTextTest {
  @Test
  void fileSystemExceptionsSayWhatHappenedToWhichFile() {
    assertThat(ErrorText.describe(new UncheckedIOException(new NoSuchFileException("/x/y.jsonl"))))
        .isEqualTo("no such file or folder: /x/y.jsonl");
    assertThat(ErrorText.describe(new AccessDeniedException("/x")))
        .isEqualTo("permission denied: /x");
  }

  @Test
  void parserFootersAndExceptionNamesAreDropped() {
    Exception gson =
        new RuntimeException(
            "com.google.gson.stream.MalformedJsonException: Unterminated object at line 1 column 7"
                + " path $.id\nSee https://github.com/google/gson/blob/main/Troubleshooting.md",
            new IOException("ignored: the root's message is used"));
    assertThat(ErrorText.oneLine(gson.getMessage()))
        .isEqualTo("Unterminated object at line 1 column 7 path $.id");
    assertThat(ErrorText.describe(new EOFException())).isEqualTo("unexpected end of input");
  }

  @Test
  void otherClassNamesKeepTheirSimpleName() {
    assertThat(ErrorText.oneLine("no segments in MMapDirectory@/tmp/c lockFactory=x"))
        .isEqualTo("no segments in MMapDirectory@/tmp/c lockFactory=x");
    assertThat(
            ErrorText.oneLine(
                "in org.apache.lucene.store.MMapDirectory@/tmp/c lockFactory="
                    + "org.apache.lucene.store.NativeFSLockFactory@6d3af739"))
        .isEqualTo("in MMapDirectory@/tmp/c lockFactory=NativeFSLockFactory");
    assertThat(ErrorText.oneLine("holds vectors only; use dev.quarry.index.Collection for it"))
        .isEqualTo("holds vectors only; use Collection for it");
  }

  @Test
  void aMessageOfOnlyAClassNameStillSaysSomething() {
    assertThat(ErrorText.describe(new NullPointerException()))
        .isEqualTo("unexpected internal error");
    assertThat(ErrorText.oneLine("java.lang.IllegalStateException"))
        .isEqualTo("unexpected internal error");
  }
}

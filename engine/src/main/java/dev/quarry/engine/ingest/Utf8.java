package dev.quarry.engine.ingest;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Strict UTF-8: invalid input is an error, never replaced by U+FFFD, so that a binary or
 * mis-encoded record is reported instead of indexed as garbage.
 */
public final class Utf8 {
  private Utf8() {}

  /** A new decoder that reports malformed input (decoders are not thread-safe). */
  public static CharsetDecoder strictDecoder() {
    return StandardCharsets.UTF_8
        .newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
  }

  public static String decode(byte[] bytes) throws CharacterCodingException {
    return strictDecoder().decode(ByteBuffer.wrap(bytes)).toString();
  }
}

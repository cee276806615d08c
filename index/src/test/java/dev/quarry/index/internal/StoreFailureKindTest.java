package dev.quarry.index.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.core.QuarryException;
import org.junit.jupiter.api.Test;
import org.rocksdb.RocksDBException;
import org.rocksdb.Status;

/** RocksDB failures are classified by their status code, whatever their message says. */
class StoreFailureKindTest {
  private static RocksDBException failure(Status.Code code, String message) {
    return new RocksDBException(message, new Status(code, Status.SubCode.None, message));
  }

  @Test
  void corruptionCodeIsCorruptWhateverTheMessage() {
    assertThat(Store.kindOf(failure(Status.Code.Corruption, "block checksum mismatch")))
        .isEqualTo(QuarryException.Kind.CORRUPT);
  }

  @Test
  void otherCodesAreIoEvenWhenTheMessageSaysCorruption() {
    assertThat(Store.kindOf(failure(Status.Code.IOError, "Corruption? no: disk full")))
        .isEqualTo(QuarryException.Kind.IO);
    assertThat(Store.kindOf(new RocksDBException("Corruption without a status")))
        .isEqualTo(QuarryException.Kind.IO);
  }
}

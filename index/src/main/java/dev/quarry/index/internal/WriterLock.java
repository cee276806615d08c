package dev.quarry.index.internal;

import dev.quarry.core.QuarryException;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * One writer per collection, across processes: an OS file lock on {@value #FILE_NAME}, which the OS
 * releases when the process dies (so a crash never leaves a stale lock). The file names the holder
 * for the error message of the next writer.
 */
public final class WriterLock implements AutoCloseable {
  public static final String FILE_NAME = "write.lock";

  private final FileChannel channel;
  private final FileLock lock;

  private WriterLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  public static WriterLock acquire(Path dir) {
    Path file = dir.resolve(FILE_NAME);
    FileChannel channel = null;
    try {
      channel =
          FileChannel.open(
              file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null; // held by this very JVM
      }
      if (lock == null) {
        String holder = Files.readString(file, StandardCharsets.UTF_8).trim();
        channel.close();
        throw new QuarryException(
            QuarryException.Kind.LOCKED,
            "collection "
                + dir
                + " is open for writing by another writer ("
                + (holder.isEmpty() ? "holder unknown" : holder)
                + "): close that writer first, or open the collection read-only");
      }
      String me =
          "pid "
              + ProcessHandle.current().pid()
              + " on "
              + host()
              + " since "
              + Instant.now()
              + " ("
              + ManagementFactory.getRuntimeMXBean().getName()
              + ")";
      channel.truncate(0);
      channel.write(ByteBuffer.wrap((me + "\n").getBytes(StandardCharsets.UTF_8)), 0);
      channel.force(false);
      return new WriterLock(channel, lock);
    } catch (IOException e) {
      try {
        if (channel != null) {
          channel.close();
        }
      } catch (IOException ignored) {
        // the original failure matters more
      }
      throw new QuarryException(QuarryException.Kind.IO, "cannot lock " + file + ": " + e, e);
    }
  }

  private static String host() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "unknown host";
    }
  }

  @Override
  public void close() {
    try {
      channel.truncate(0);
      lock.release();
      channel.close();
    } catch (IOException e) {
      throw new QuarryException(QuarryException.Kind.IO, "cannot release the writer lock", e);
    }
  }
}

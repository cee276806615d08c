package dev.quarry.bench.ann;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/** What this process holds in memory: Java heap in use after a full GC, and resident pages. */
record ProcessMemory(long heapBytes, long residentBytes, long peakResidentBytes) {

  /** Measured now; resident figures are -1 where /proc is absent (not Linux). */
  static ProcessMemory now() {
    System.gc();
    long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    return new ProcessMemory(heap, procStatus("VmRSS:"), procStatus("VmHWM:"));
  }

  private static long procStatus(String field) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith(field)) {
          return Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]) * 1024;
        }
      }
    } catch (IOException | RuntimeException e) {
      return -1;
    }
    return -1;
  }
}

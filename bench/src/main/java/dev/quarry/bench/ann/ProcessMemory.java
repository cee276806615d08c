package dev.quarry.bench.ann;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What this process holds in memory: Java heap in use after a full GC, resident pages, and the
 * peaks of both since the last {@link #resetPeaks()} (or the start). The heap peak sums each heap
 * pool's own peak, which may fall at different moments: an upper bound on the heap ever in use.
 */
record ProcessMemory(
    long heapBytes, long residentBytes, long peakHeapBytes, long peakResidentBytes) {

  /** Measured now; resident figures are -1 where /proc is absent (not Linux). */
  static ProcessMemory now() {
    long peakHeap = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peakHeap += pool.getPeakUsage().getUsed();
      }
    }
    System.gc();
    long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    return new ProcessMemory(heap, procStatus("VmRSS:"), peakHeap, procStatus("VmHWM:"));
  }

  /**
   * Starts the peaks afresh, so that one phase's peak is not an earlier phase's; writing 5 to
   * clear_refs resets the kernel's resident high-water mark (Linux 4.0+; ignored elsewhere).
   */
  static void resetPeaks() {
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        pool.resetPeakUsage();
      }
    }
    try {
      Files.writeString(Path.of("/proc/self/clear_refs"), "5");
    } catch (IOException | RuntimeException e) {
      // Not Linux, or not allowed: the resident peak then counts from the process start.
    }
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

package dev.quarry.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ThreadCpuTest {
  @Test
  void aThreadThatEndsWithinTheWorkIsCountedUnderItsGroupName() throws Exception {
    assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "needs Linux's /proc");
    ThreadCpu cpu = ThreadCpu.start();
    // Spins until it has used 0.4 s of its own CPU, however loaded the machine, then ends.
    Thread busy =
        Thread.ofPlatform()
            .name("busy-spin-7")
            .start(
                () -> {
                  var bean = ManagementFactory.getThreadMXBean();
                  long x = 0;
                  while (bean.getCurrentThreadCpuTime() < 400_000_000L) {
                    x += System.nanoTime() % 7;
                  }
                  if (x == 42) {
                    System.out.println(x);
                  }
                });
    busy.join();
    String report = cpu.report();
    Matcher m = Pattern.compile(" busy-spin ([0-9.]+);").matcher(report);
    assertThat(m.find()).as(report).isTrue();
    // The sampler may miss the last 250 ms period of a thread that ended.
    assertThat(Double.parseDouble(m.group(1))).as(report).isGreaterThanOrEqualTo(0.1);
  }
}

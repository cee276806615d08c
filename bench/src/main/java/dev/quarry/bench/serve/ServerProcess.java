package dev.quarry.bench.serve;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code quarry serve} in a child JVM, so that the harness can kill -9 it. */
final class ServerProcess {
  private final Process process;
  final int port;

  private ServerProcess(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /** Starts serving {@code collection} and waits (up to 5 minutes) until it answers /health. */
  static ServerProcess start(Path collection, Path log) throws Exception {
    int port = freePort();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(
        List.of(
            "--add-modules",
            "jdk.incubator.vector",
            "--enable-native-access=ALL-UNNAMED",
            "-Dai.djl.offline=true",
            "-cp",
            System.getProperty("java.class.path"),
            "dev.quarry.engine.cli.QuarryCli",
            "serve",
            collection.toString(),
            "--port",
            Integer.toString(port)));
    Process p =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    ServerProcess server = new ServerProcess(p, port);
    HttpTarget probe = server.target(collection.getFileName().toString(), "probe");
    long deadline = System.nanoTime() + 300_000_000_000L;
    while (!probe.healthy()) {
      if (!p.isAlive()) {
        throw new IllegalStateException("the server exited with " + p.exitValue() + "; see " + log);
      }
      if (System.nanoTime() > deadline) {
        p.destroyForcibly();
        throw new IllegalStateException("the server did not answer within 5 minutes; see " + log);
      }
      Thread.sleep(200);
    }
    return server;
  }

  HttpTarget target(String collection, String run) {
    return new HttpTarget("http://127.0.0.1:" + port, collection, run);
  }

  /** SIGKILL: no shutdown hook, no commit, no flush. */
  void kill9() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  /** SIGTERM: the server closes its collections (and commits) before it exits. */
  int stop() throws InterruptedException {
    process.destroy();
    return process.waitFor();
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}

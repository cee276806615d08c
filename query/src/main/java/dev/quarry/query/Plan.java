package dev.quarry.query;

import java.util.ArrayList;
import java.util.List;

/** Collects the explain plan's lines when explain is on. */
final class Plan {
  private final boolean on;
  private final List<String> lines = new ArrayList<>();

  Plan(boolean on) {
    this.on = on;
  }

  void add(String line) {
    if (on) {
      lines.add(line);
    }
  }

  List<String> lines() {
    return lines;
  }
}

package dev.quarry.query.interpret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quarry.core.QuarryException;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EnglishWindowsTest {
  private static Optional<TimeWindow> window(String query) {
    return EnglishRecencyCues.window(query);
  }

  @Test
  void daysNamedByTheCueBecomeAWindowCountedBackFromTheAsOfDay() {
    assertThat(window("what did I cook yesterday")).contains(new TimeWindow("yesterday", 1, 1));
    assertThat(window("Yesterday's runs in my log")).contains(new TimeWindow("Yesterday", 1, 1));
    assertThat(window("what did we decide today")).contains(new TimeWindow("today", 0, 1));
    assertThat(window("notes from this morning")).contains(new TimeWindow("this morning", 0, 1));
    assertThat(window("what happened last night in the game"))
        .contains(new TimeWindow("last night", 1, 2));
    assertThat(window("market news from the past 3 days"))
        .contains(new TimeWindow("past 3 days", 3, 4));
    assertThat(window("my workouts over the last two weeks"))
        .contains(new TimeWindow("last two weeks", 14, 15));
    assertThat(window("storms in the past several days"))
        .contains(new TimeWindow("past several days", 7, 8));
    assertThat(window("what changed in the past week")).contains(new TimeWindow("past week", 7, 8));
    assertThat(window("what did I cook two days ago"))
        .contains(new TimeWindow("two days ago", 2, 1));
    assertThat(window("my notes from a few days ago"))
        .contains(new TimeWindow("a few days ago", 5, 4));
    assertThat(window("my runs 3 weeks ago")).contains(new TimeWindow("3 weeks ago", 24, 7));
  }

  @Test
  void daysOfAnEventRunOnToAsOfOutsideTheAskersOwnRecords() {
    assertThat(window("what did the mayor say yesterday"))
        .as("reports follow the event")
        .contains(new TimeWindow("yesterday", 1, 2));
    assertThat(window("the train that derailed two weeks ago: which chemical is in the river"))
        .contains(new TimeWindow("two weeks ago", 17, 18));
    assertThat(window("what did I cook yesterday"))
        .as("the asker's own record is dated the day")
        .contains(new TimeWindow("yesterday", 1, 1));
  }

  @Test
  void aLaterCueNamesTheWindowWhenTheFirstNamesNone() {
    assertThat(window("latest news from yesterday")).contains(new TimeWindow("yesterday", 1, 2));
  }

  @Test
  void calendarPeriodsCountsOfItemsNamesAndRecordsWindowsAreNoWindow() {
    assertThat(window("which company cut jobs this week")).isEmpty();
    assertThat(window("phones released this year")).isEmpty();
    assertThat(window("my last 3 journal entries")).as("a count of items").isEmpty();
    assertThat(window("latest transformer paper")).isEmpty();
    assertThat(window("a new USA TODAY poll on the election")).as("capitals").isEmpty();
    assertThat(window("who hosts the Today programme now")).as("a name").isEmpty();
    assertThat(window("find files modified yesterday")).as("records in the task").isEmpty();
    assertThat(window("delete files modified 2 days ago")).as("records in the task").isEmpty();
    assertThat(window("the 'today' page template")).as("a literal").isEmpty();
    assertThat(window(null)).isEmpty();
  }

  @Test
  void calendarPeriodsOverInTheAskersOwnRecordsAreWindows() {
    assertThat(window("what did I cook last week"))
        .contains(new TimeWindow("last week", TimeWindow.Unit.WEEK, 1, 1));
    assertThat(window("how much did we pay for electricity last month"))
        .contains(new TimeWindow("last month", TimeWindow.Unit.MONTH, 1, 1));
    assertThat(window("anything I wrote this week about the allotment"))
        .as("a period still running")
        .isEmpty();
    assertThat(window("my runs this year")).isEmpty();
  }

  @Test
  void calendarUnitsOpenOnMondayAndOnTheFirstOfTheMonth() {
    Instant asOf = Instant.parse("2026-12-09T15:30:00Z"); // a Wednesday
    TimeWindow lastWeek = new TimeWindow("last week", TimeWindow.Unit.WEEK, 1, 1);
    assertThat(lastWeek.days(asOf)).isEqualTo("2026-11-30 to 2026-12-06");
    TimeWindow thisWeek = new TimeWindow("this week", TimeWindow.Unit.WEEK, 0, 1);
    assertThat(thisWeek.from(asOf)).isEqualTo(Instant.parse("2026-12-07T00:00:00Z"));
    TimeWindow lastMonth = new TimeWindow("last month", TimeWindow.Unit.MONTH, 1, 1);
    assertThat(lastMonth.from(asOf)).isEqualTo(Instant.parse("2026-11-01T00:00:00Z"));
    assertThat(lastMonth.until(asOf)).isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
    assertThat(lastMonth.days(Instant.parse("2027-01-31T23:00:00Z")))
        .isEqualTo("2026-12-01 to 2026-12-31");
  }

  @Test
  void theWindowIsWholeUtcDaysBeforeTheAsOfDay() {
    Instant asOf = Instant.parse("2026-12-07T15:30:00Z");
    TimeWindow yesterday = new TimeWindow("yesterday", 1, 1);
    assertThat(yesterday.from(asOf)).isEqualTo(Instant.parse("2026-12-06T00:00:00Z"));
    assertThat(yesterday.until(asOf)).isEqualTo(Instant.parse("2026-12-07T00:00:00Z"));
    TimeWindow three = new TimeWindow("the last 3 days", 3, 4);
    assertThat(three.from(asOf)).isEqualTo(Instant.parse("2026-12-04T00:00:00Z"));
    assertThat(three.until(asOf)).isEqualTo(Instant.parse("2026-12-08T00:00:00Z"));
    assertThatThrownBy(() -> new TimeWindow("tomorrow", 0, 2))
        .isInstanceOf(QuarryException.class)
        .hasMessageContaining("end by the as-of day");
  }
}

package dev.quarry.query;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The recency cue on our own sentences (docs/decisions/0021-recency-cues.md). */
class RecencyIntentTest {
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "the latest Nimbus phone | latest",
        "lastest kubernetes release notes | latest",
        "Newset phone reviews | newest",
        "newest release of the database | newest",
        "Which band announced a reunion tour? | announced",
        "what did the council vote on this week | this week",
        "Which city is hosting the next trade fair? | is hosting",
        "Which airline is now cutting routes to the coast? | is now cutting",
        "the harbour ferries are being cancelled? | are being",
        "To cut waste, which region is requiring one charger | is requiring",
        "Flights are being cancelled across the region; which airport closed? | are being",
        "breaking news on the harbour strike | breaking",
        "Breaking: ferry routes suspended | Breaking",
        // Capitals tell nothing in a query in title case or in capitals (decisions 0184, 0187).
        "Latest Transformer Paper | Latest",
        "What Did The Mayor Say Yesterday | Yesterday",
        "LATEST NEWS ON THE HARBOUR STRIKE | LATEST",
        "Yesterday's running notes | Yesterday",
        "recently released sci-fi films | recently",
        "which startups recently raised money | recently",
        "my latest photos | latest",
        "Which US state is considering a ban on plastic bags? | is considering",
        "latest release date of the Orbit tablet | latest",
        "when was the last time I repotted the fern | last time I",
        "what is the current version of the Orbit app | current version",
        "most recent files on disk encryption | most recent",
        "is there an up to date guide to the router settings | up to date",
        // Without an operation on the user's own things, or naming no departure, still fresh
        // results (decision 0169).
        "the newest file on the garden budget | newest",
        "latest bus routes across the city | latest",
        "most recent commits to the release branch of Nimbus | most recent",
        "which port city is reopening its harbour after the storm? | is reopening",
        // "Lately" as "recently", and cues beside the literals that do not silence them (decision
        // 0170).
        "what have we decided lately about the pond pump | lately",
        "any news lately on the tram extension? | lately",
        "latest tag notes for the pellow client | latest",
        "what did the vendor say about the latest firmware | latest",
        "today's headlines on the port strike | today",
        "what the port authority said today about the strike | today",
        "the agency says the latest figures show a drop | latest",
        "what's new in the garden this spring | what's new",
        "my last few entries about the pond | last few entries",
        "anything new about the tram extension | anything new about",
        "notes from the past couple of weeks on the roof | past couple of weeks",
        "upto date guide to the router | upto date",
        // A window that no record or own past bounds still asks for what is new (decision 0183).
        "which company cut jobs last week | last week",
        "what did the mayor say yesterday about the bridge | yesterday",
        "news from the last few days on the strike | last few days",
        "my journal entries from last week | last week",
        "photos from this weekend | this weekend",
        "what did I have for lunch yesterday | yesterday",
      })
  void firesOnFreshnessAndEventsUnderWay(String query, String cue) {
    assertThat(RecencyIntent.cue(query)).isEqualTo(cue);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "latent variable models for topic discovery",
        "the fewest dependencies for a web server",
        "Who is the current mayor of Springfield?",
        "Who currently chairs the history society?",
        "Who chairs the history society right now?",
        "what do people plant in their gardens nowadays",
        "What is king salmon?",
        "Is nothing sacred in modern architecture?",
        "What is the building code for decks?",
        "Is smoking bad for your lungs?",
        "How is baking soda different from baking powder?",
        "Why is stretching good before a run?",
        "how do I bake sourdough bread",
        "who wrote the novel about the lighthouse keeper",
        "history of computing, not code-breaking",
        "a record-breaking marathon course",
        "consumer offset reset: earliest or latest",
        "set the start position to latest or earliest",
        // The asker's own problem under way is no news, nor their own recent past (decision 0100).
        "my kettle is making a clicking noise",
        "why our sump pump is running all the time",
        "the gutter on my shed is leaking",
        "I recently repainted the hallway, how long before hanging pictures",
        // Stated, not asked: a symptom, not news (decision 0160).
        "the dog is limping on the front leg",
        "nightly build is failing on arm64",
        // A state kept or had, not a wish for the newest (decision 0160).
        "how do I keep my fork up to date with upstream",
        "pip says the requirement is already up-to-date",
        "we have recently adopted a cat, what should it eat",
        // "Breaking" outside news.
        "breaking changes when upgrading the router firmware",
        "breaking in new hiking boots",
        "breaking strength of climbing rope",
        // A deadline named by what it is for, and a program's list of what was last used.
        "latest check-out time at the youth hostel",
        "latest sowing date for leeks",
        "the latest date to plant tulips",
        "latest bedtime for a toddler",
        "how to clear recent searches in the map app",
        "where are recently opened files kept",
        // An operation on the user's newest things, and the last departure (decision 0169).
        "revert the latest commit on main",
        "how do I open the newest log file in a folder",
        "how to view recent log entries of a service",
        "the latest bus home from the stadium",
        // A situation under way in a program or computer is a symptom (decision 0169).
        "which thread is holding the lock during compaction",
        "what is eating all the cpu on the build agent?",
        "which dependency is pulling in an old logging library",
        "latest ferry back to the island?",
        // A tag, a quoted word, the day's date as a value, a program's message (decision 0170).
        "compose file pins redis:latest but pulls an old image",
        "npm install left-pad@latest fails behind the proxy",
        "the \"newest\" label in the shop theme",
        "insert today's date into the spreadsheet header",
        "pip says latest version is already installed",
        // A weekday names a schedule; a version's changelog (decision 0170).
        "book club meets every thursday at the library",
        "what's new in Gradle 8.5",
        // A window over the user's records or own past is a filter of the task (decision 0183).
        "list files modified in the last 3 days",
        "find logs written since yesterday",
        "branches merged last week",
        "rows inserted today in the orders table",
        "emails received in the past two days from the landlord",
        "a session cookie that expires tonight",
        "the certificate expired yesterday and the site is down",
        "",
        // A cue word capitalised where no sentence opens is part of a name (decision 0184).
        "the Today show pasta recipe",
        "a new USA TODAY poll on the election",
        "clips from Last Week Tonight about privacy",
        "Last Week Tonight segment about car dealers",
        "Last Week Tonight episode notes",
      })
  void staysQuietOnStateAndTimelessQuestions(String query) {
    assertThat(RecencyIntent.cue(query)).isNull();
  }
}

package dev.quarry.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.query.ExcludedTitles.Match;
import org.junit.jupiter.api.Test;

/** Our own titles and spans, none from an evaluation set. */
class ExcludedTitlesTest {

  @Test
  void aTitleInsideTheSpanNamesTheEntity() {
    ExcludedTitles t =
        new ExcludedTitles("the 1998 novel Blue Harbour", "Which novels did she write");
    assertThat(t.match("Blue Harbour")).isEqualTo(Match.BASE);
    assertThat(t.match("Blue Harbour (novel)")).isEqualTo(Match.FULL);
    assertThat(t.match("Green Harbour")).isEqualTo(Match.NONE);
  }

  @Test
  void theSpanInsideTheTitleNamesItToo() {
    ExcludedTitles t = new ExcludedTitles("Redux", "state management tutorials");
    assertThat(t.match("Redux (JavaScript library)")).isEqualTo(Match.BASE);
    assertThat(t.match("Redux Toolkit")).isEqualTo(Match.BASE);
    assertThat(t.match("MobX")).isEqualTo(Match.NONE);
  }

  @Test
  void foldsCaseAccentsDashesPossessivesAndFunctionWords() {
    ExcludedTitles t = new ExcludedTitles("the CAFÉ de Flore's 1990–91 season", "which cafés");
    assertThat(t.match("Café de Flore 1990-91 season")).isEqualTo(Match.BASE);
    assertThat(new ExcludedTitles("Tom &amp; Ann", "duos").match("Tom & Ann"))
        .isEqualTo(Match.BASE);
  }

  @Test
  void aTitleThePositivePartAlsoNamesIsWhatTheUserWants() {
    ExcludedTitles t =
        new ExcludedTitles("Mia Lund's album Quiet Hours", "Which awards has Mia Lund won");
    assertThat(t.match("Mia Lund")).isEqualTo(Match.NONE);
    assertThat(t.match("Quiet Hours (album)")).isEqualTo(Match.FULL);
  }

  @Test
  void aMisspeltNameIsNearOnly() {
    ExcludedTitles t = new ExcludedTitles("the painter Jon Kowalsky", "Which painters lived here");
    assertThat(t.match("Jon Kowalski")).isEqualTo(Match.NEAR);
    assertThat(t.match("Jon Kowalsky")).isEqualTo(Match.BASE);
    assertThat(new ExcludedTitles("Lisa Brandt", "x").match("Lisa Brant (singer)"))
        .isEqualTo(Match.NEAR);
  }

  @Test
  void numbersAndShortWordsMustMatchExactly() {
    assertThat(new ExcludedTitles("the 2014 Lund season", "x").match("2015 Lund season"))
        .isEqualTo(Match.NONE);
    assertThat(new ExcludedTitles("Mark Ode", "x").match("Mary Ode")).isEqualTo(Match.NONE);
    // One misspelt word is a typo; two are only alike, the weakest match.
    assertThat(new ExcludedTitles("Harbor Lights", "x").match("Harbour Lights"))
        .isEqualTo(Match.NEAR);
    assertThat(new ExcludedTitles("Harbor Lights", "x").match("Harbour Nights"))
        .isEqualTo(Match.ALIKE);
    assertThat(new ExcludedTitles("Harbor Lights", "x").match("Harbour Masters"))
        .isEqualTo(Match.NONE);
  }

  @Test
  void namesSpeltAlikeInOrderAreTheWeakestMatch() {
    assertThat(new ExcludedTitles("the comedian Shelby Grene", "x").match("Shelbey Greene"))
        .isEqualTo(Match.ALIKE);
    assertThat(new ExcludedTitles("Mikael Farow Adeyemi", "x").match("Michael Farrow Adeyemi"))
        .isEqualTo(Match.ALIKE);
    // Out of order, too short, or numbers that differ: not alike.
    assertThat(new ExcludedTitles("Grene Shelby", "x").match("Shelbey Greene"))
        .isEqualTo(Match.NONE);
    assertThat(new ExcludedTitles("Ed Ray", "x").match("Ed Roy")).isEqualTo(Match.NONE);
    assertThat(new ExcludedTitles("Lund Cup 2014", "x").match("Lunde Cup 2015"))
        .isEqualTo(Match.NONE);
  }

  @Test
  void aPlaceTitleMayLeaveOutItsRegion() {
    assertThat(new ExcludedTitles("the town of Lillehammer", "x").match("Lillehammer, Innlandet"))
        .isEqualTo(Match.BASE);
    assertThat(
            new ExcludedTitles("the town of Lillehammer", "Which rivers flow through Lillehammer")
                .match("Lillehammer, Innlandet"))
        .isEqualTo(Match.NONE);
    // A comma that does not set off a region is part of the name.
    assertThat(new ExcludedTitles("the town of Crosby", "x").match("Crosby, Stills & Nash"))
        .isEqualTo(Match.NONE);
  }

  @Test
  void aTitleBothPartsNameCountsWhenTheExcludedPartNamesNothingElse() {
    assertThat(
            new ExcludedTitles("Vestby FK", "What was Ana Roe's role at Vestby FK")
                .match("Vestby FK"))
        .isEqualTo(Match.BASE);
    assertThat(
            new ExcludedTitles("the history of Vestby FK", "What was Ana Roe's role at Vestby FK")
                .match("Vestby FK"))
        .isEqualTo(Match.BASE);
    // Another name in the excluded part is what it excludes.
    assertThat(
            new ExcludedTitles("Mia Lund's album Quiet Hours", "Which awards did Mia Lund win")
                .match("Mia Lund"))
        .isEqualTo(Match.NONE);
    assertThat(new ExcludedTitles("the Python 2 changes", "What is new in Python").match("Python"))
        .isEqualTo(Match.NONE);
  }

  @Test
  void aTitleThePositivePartNearlyNamesIsWhatTheUserWantsToo() {
    ExcludedTitles t =
        new ExcludedTitles(
            "the 2001 film Red Sky by Jon Kowalski", "Which films did Jon Kowalsky make");
    assertThat(t.match("Jon Kowalski")).isEqualTo(Match.NONE);
    assertThat(t.match("Red Sky (2001 film)")).isEqualTo(Match.FULL);
  }

  @Test
  void joinsAnAccentedLetterLeftStandingAlone() {
    ExcludedTitles t = new ExcludedTitles("the song Sm å land", "Which songs");
    assertThat(t.match("Småland")).isEqualTo(Match.BASE);
    assertThat(new ExcludedTitles("the song Amor rob ó", "x").match("Amor robó"))
        .isEqualTo(Match.BASE);
  }

  @Test
  void aNameSpacedDifferentlyStillMatches() {
    assertThat(new ExcludedTitles("the critic A.B. Lindqvist", "x").match("A. B. Lindqvist"))
        .isEqualTo(Match.BASE);
    assertThat(new ExcludedTitles("the film Kiki-b o b o", "x").match("Kiki-Bóbó"))
        .isEqualTo(Match.BASE);
    // A short title is not looked for across word boundaries.
    assertThat(new ExcludedTitles("an old A B test", "x").match("AB")).isEqualTo(Match.NONE);
    assertThat(
            new ExcludedTitles(
                    "the critic A.B. Lindqvist's Berlin years", "Who did A. B. Lindqvist praise")
                .match("AB Lindqvist"))
        .isEqualTo(Match.NONE);
  }

  @Test
  void aSpanOfFunctionWordsOnlyMatchesNothing() {
    assertThat(new ExcludedTitles("of the", "x").match("Of the Sea")).isEqualTo(Match.NONE);
    assertThat(new ExcludedTitles("Redux", "x").match(null)).isEqualTo(Match.NONE);
  }

  @Test
  void aSpanNamingALineMatchesEveryTitleOfIt() {
    // "the Pro models": "models" says "a set of them", "phones" is the asked topic, plurals fold.
    ExcludedTitles t = new ExcludedTitles("the Pro models", "phones");
    assertThat(t.match("Zephyr 12 Pro")).isEqualTo(ExcludedTitles.Match.BASE);
    assertThat(t.match("Zephyr 12 Lite")).isEqualTo(ExcludedTitles.Match.NONE);
    ExcludedTitles lines = new ExcludedTitles("sparse retrieval papers", "retrieval papers");
    assertThat(lines.match("Learned sparse retrieval at scale"))
        .isEqualTo(ExcludedTitles.Match.BASE);
    assertThat(new ExcludedTitles("earbuds", "headphones").match("Tono earbud review"))
        .isEqualTo(ExcludedTitles.Match.BASE);
  }

  @Test
  void aSpanListingEntitiesMatchesEachOne() {
    ExcludedTitles t = new ExcludedTitles("Windows and macOS", "install guides");
    assertThat(t.match("Installing on Windows")).isEqualTo(ExcludedTitles.Match.BASE);
    assertThat(t.match("Installing on macOS")).isEqualTo(ExcludedTitles.Match.BASE);
    assertThat(t.match("Installing on Linux")).isEqualTo(ExcludedTitles.Match.NONE);
    assertThat(new ExcludedTitles("chicken or beef", "curries").match("Beef rendang curry"))
        .isEqualTo(ExcludedTitles.Match.BASE);
  }

  @Test
  void aTextWhoseLeadNamesTheExcludedEntityIsAboutIt() {
    ExcludedTitles t = new ExcludedTitles("gin", "cocktail recipes");
    assertThat(t.leadNames("Gin shaken with lemon juice and egg white.")).isTrue();
    assertThat(t.leadNames("A sour of dry gin, lemon and sugar.")).isTrue();
    // A mention set against the subject, or after the first sentence, is in passing.
    assertThat(t.leadNames("Aged rum stirred with bitters, softer than gin.")).isFalse();
    assertThat(t.leadNames("Unlike gin, this aged rum is stirred.")).isFalse();
    assertThat(t.leadNames("A gin-free sour with lemon")).isFalse();
    assertThat(t.leadNames("Dark rum over crushed ice with lime. Serve it where gin is served."))
        .isFalse();
    // The first sentence's predicate names what the drink is made of (decision 0100).
    assertThat(
            t.leadNames("Dark rum over crushed ice with lime, demerara syrup and then a gin float"))
        .isTrue();
  }

  @Test
  void anAttributeCountsAnywhereInTheFirstSentence() {
    ExcludedTitles t = new ExcludedTitles("Strava", "Tempo watches");
    String run =
        "The Tempo Run 5 is a sports watch with sync to Strava, a barometer and a compass.";
    // A name past the eighth word is a mention (decision 0100) ...
    assertThat(t.leadNames(run)).isFalse();
    // ... unless other candidates name it only as what they lack: then it is a feature this one
    // has (decision 0158). Negated, contrasted or in a later sentence it still is not.
    assertThat(t.leadNames(run, true)).isTrue();
    assertThat(t.leadNames("The Tempo Fit 5 is a slim fitness band that has no Strava.", true))
        .isFalse();
    assertThat(t.leadNames("The Tempo Fit 5 is a slim band, lighter than any Strava watch.", true))
        .isFalse();
    assertThat(t.leadNames("The Tempo Fit 5 is a slim fitness band. Pair it for Strava.", true))
        .isFalse();
  }

  @Test
  void anAbbreviationIsAKindNamedInThePredicate() {
    String aspirin = "Aspirin relieves pain and fever and thins the blood and is an NSAID.";
    assertThat(new ExcludedTitles("NSAIDs", "pain medicines").leadNames(aspirin)).isTrue();
    // A name said that late is a mention (decision 0100).
    assertThat(
            new ExcludedTitles("Bayer", "pain medicines")
                .leadNames(aspirin.replace("an NSAID", "by Bayer")))
        .isFalse();
  }

  @Test
  void aKindIsNamedInAnyFormOfItsWords() {
    ExcludedTitles deployment = new ExcludedTitles("the ones on deployment", "tutorial parts");
    assertThat(deployment.leadNames("Deploy the app behind a reverse proxy with four workers."))
        .isTrue();
    ExcludedTitles api = new ExcludedTitles("the deprecated synchronous API", "release notes");
    assertThat(api.leadNames("Client 3.1 deprecates the synchronous API; it logs a warning."))
        .isTrue();
    // A name is said in one form: "Deployer" is not "deployment"'s name.
    assertThat(new ExcludedTitles("Deployer", "tools").leadNames("Deploy it with care.")).isFalse();
  }

  @Test
  void aTextThatNamesTheExcludedPartOnlyAsWhatItLacksIsSpared() {
    ExcludedTitles t = new ExcludedTitles("the GPS models", "running watches");
    assertThat(t.onlyNegates("Pulse 2 review", "A slim band that counts steps; it has no GPS."))
        .isTrue();
    assertThat(t.onlyNegates("Pulse 2 review", "Runs without built-in GPS, so pair a phone."))
        .isTrue();
    assertThat(t.onlyNegates("Pulse 2 review", "A GPS-free band for the gym.")).isTrue();
    // Named outright somewhere, or not named at all: not spared (the vector penalty decides).
    assertThat(t.onlyNegates("Pulse 2 review", "Dual-band GPS. Not for swimming.")).isFalse();
    assertThat(t.onlyNegates("Pulse GPS review", "It has no GPS of its own.")).isFalse();
    assertThat(t.onlyNegates("Pulse 2 review", "A slim band that counts steps.")).isFalse();
    // A negation does not reach into the next sentence.
    assertThat(t.onlyNegates("Pulse 2 review", "Not waterproof. GPS on board.")).isFalse();
    ExcludedTitles drowsy = new ExcludedTitles("drowsy ones", "allergy tablets");
    assertThat(drowsy.onlyNegates("Tablet B", "A non-drowsy antihistamine.")).isTrue();
    assertThat(drowsy.onlyNegates("Tablet A", "An antihistamine that may make you drowsy."))
        .isFalse();
    // Nor does a negated mention in the opening make the text about the excluded kind.
    assertThat(drowsy.leadNames("A non-drowsy antihistamine for hay fever.")).isFalse();
    assertThat(drowsy.leadNames("An antihistamine for hay fever that makes you drowsy")).isTrue();
    // "Non-" negates only the word it is joined to.
    ExcludedTitles tablets = new ExcludedTitles("tablets", "allergy medicine");
    assertThat(tablets.leadNames("A non-drowsy antihistamine tablet.")).isTrue();
    assertThat(tablets.onlyNegates("Leaflet", "A non-drowsy antihistamine tablet.")).isFalse();
  }

  @Test
  void aFirstSentenceNamesTheExcludedKindUnlessAClauseSetsItAgainstTheSubject() {
    ExcludedTitles t = new ExcludedTitles("the inflatable ones", "kayak reviews");
    assertThat(
            t.leadNames("Vestra's 2024 touring kayak for lakes and slow rivers is an inflatable"))
        .isTrue();
    assertThat(t.leadNames("A rigid sea kayak, stiffer than any of the inflatables we tried."))
        .isFalse();
    assertThat(t.leadNames("A rigid sea kayak, unlike the brand's cheaper inflatable.")).isFalse();
    String longOpening =
        "A rigid touring kayak with a skeg, two hatches, a day hatch, a deck bag, a pump, a spray"
            + " deck, a paddle float, a tow line, a compass mount and a seat that you can move to"
            + " trim the boat, sold beside an inflatable.";
    assertThat(t.leadNames(longOpening)).isFalse(); // past the sentence's first 30 words
  }

  @Test
  void wordsOfAClauseAroundTheEntityNameNothing() {
    ExcludedTitles t = new ExcludedTitles("anything that has chicken in it", "curry recipes");
    assertThat(t.match("Chicken korma")).isEqualTo(ExcludedTitles.Match.BASE);
    assertThat(t.leadNames("A mild curry: chicken thighs simmered in yoghurt.")).isTrue();
    assertThat(t.leadNames("A mild curry of chickpeas and spinach.")).isFalse();
    assertThat(
            new ExcludedTitles("the ones which use Kafka", "queue docs").match("Kafka consumers"))
        .isEqualTo(ExcludedTitles.Match.BASE);
  }

  @Test
  void aNamePastTheLeadIsAMentionEvenInTheFirstSentence() {
    ExcludedTitles t = new ExcludedTitles("Redux", "state management libraries");
    assertThat(t.leadNames("Redux keeps the state of a React app in one store.")).isTrue();
    assertThat(t.leadNames("MobX is a library for state in React apps that teams pick over Redux."))
        .isFalse();
  }

  @Test
  void aKindOfDocumentInTheSpanNamesNothing() {
    ExcludedTitles t = new ExcludedTitles("the saltwater entries", "tank journal");
    assertThat(t.leadNames("Added shrimp to the nano; the saltwater skimmer hums.")).isTrue();
    assertThat(t.match("Saltwater tank, week 3")).isEqualTo(ExcludedTitles.Match.BASE);
  }

  @Test
  void theLeadMustNameAllOfTheEntitysNamingWordsOrOneListedEntity() {
    ExcludedTitles place = new ExcludedTitles("Fenwick Marsh", "birding notes");
    assertThat(place.leadNames("At Fenwick Marsh: two harriers over the reeds.")).isTrue();
    assertThat(place.leadNames("At the marsh by the wood: two harriers.")).isFalse();
    ExcludedTitles listed = new ExcludedTitles("Ripplemq or Tallybus", "queue docs");
    assertThat(listed.leadNames("Tallybus redelivers a message after a timeout.")).isTrue();
    // The topic words the positive part shares name nothing: "queue" alone is no match.
    assertThat(new ExcludedTitles("the Tallybus queue", "queue docs").leadNames("A queue keeps"))
        .isFalse();
  }

  @Test
  void aVersionWildcardOrALinesLetterNamesTheSeriesMembers() {
    ExcludedTitles versions = new ExcludedTitles("the 4.x releases", "Quillmq release notes");
    assertThat(versions.match("Quillmq 4.2 release notes")).isEqualTo(ExcludedTitles.Match.BASE);
    assertThat(versions.match("Quillmq 3.4 release notes")).isEqualTo(ExcludedTitles.Match.NONE);
    assertThat(versions.leadNames("Quillmq 4.10 drops the old wire protocol.")).isTrue();
    assertThat(versions.leadNames("Quillmq 3.1 needs 42 GB less memory.")).isFalse();
    ExcludedTitles line = new ExcludedTitles("an R", "Tallow cameras");
    assertThat(line.match("Tallow R5 launch")).isEqualTo(ExcludedTitles.Match.BASE);
    assertThat(line.match("Tallow Q2 launch")).isEqualTo(ExcludedTitles.Match.NONE);
    assertThat(line.leadNames("The Tallow R3s shoots 8K video.")).isTrue();
    assertThat(line.leadNames("The Tallow Q3 is a compact with a fixed lens.")).isFalse();
  }

  @Test
  void aTitleNamesAKindInAnotherFormOfItsWords() {
    ExcludedTitles t = new ExcludedTitles("the install guides", "Quillmq docs");
    assertThat(t.match("Installing Quillmq on Linux")).isEqualTo(ExcludedTitles.Match.BASE);
    assertThat(t.match("Quillmq configuration reference")).isEqualTo(ExcludedTitles.Match.NONE);
    // Names keep their one form.
    assertThat(new ExcludedTitles("Ferris", "crab notes").match("Ferrises of the bay"))
        .isNotEqualTo(ExcludedTitles.Match.BASE);
  }

  @Test
  void aFunctionWordJoinedByAHyphenKeepsItsCompoundWhole() {
    ExcludedTitles t = new ExcludedTitles("on-device models", "speech papers");
    assertThat(t.match("On-device speech recognition")).isEqualTo(ExcludedTitles.Match.BASE);
    assertThat(t.match("Off-device speech models")).isEqualTo(ExcludedTitles.Match.NONE);
    assertThat(t.match("Speech models for every device")).isEqualTo(ExcludedTitles.Match.NONE);
    assertThat(t.leadNames("We distil a large speech model for servers, not a device.")).isFalse();
  }
}

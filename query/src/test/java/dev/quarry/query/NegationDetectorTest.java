package dev.quarry.query;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Our own sentences, none from an evaluation set. */
class NegationDetectorTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "dropdown menu tutorial but not jquery | jquery | but not",
        // Trailing forms of issue 17 (decision 0150).
        "hiking boots, nothing about Salewa | Salewa | nothing about",
        "laptops for students, nothing Acme please | Acme | nothing",
        "board games for two, nothing with dice | dice | nothing with",
        "camping stoves -- nothing that uses gas | gas | nothing that uses",
        "podcast picks, no more true crime | true crime | no more",
        "tablets, just not the Orbit ones | Orbit | not",
        "garden tools but neither Fiskars nor Gardena | Fiskars nor Gardena | but neither",
        "blog posts that aren't about Kubernetes | Kubernetes | that aren't about",
        "static site generators that don't use Node | Node | that don't use",
        "tea blends unlike the smoky lapsang, for mornings | smoky lapsang | unlike",
        "news digests excluding anything sponsored | sponsored | excluding",
        "which cold remedies help, not aspirin | aspirin | not",
        "soup ideas for winter, not tomato | tomato | not",
        "craft beers, nothing Morebrew | Morebrew | nothing",
        "camping shelters that aren't tarps | tarps | that aren't",
        "sweeteners that are not syrups, please | syrups | that are not",
        "Apart from Lisbon, which coastal cities are worth a visit? | Lisbon | apart from",
        "Except Toyota, which carmakers build hybrids? | Toyota | except",
        "Not including the 2019 remake, who starred in the film? | 2019 remake | not including",
        "Other than the chef, critic and author Anna Berg, who wrote about the bistro? |"
            + " chef, critic and author Anna Berg | other than",
        "What games does the arcade have, besides Pac-Man? | Pac-Man | besides",
        // How-to questions and requests still leave things out (decision 0169).
        "how to set up the printer except on Windows | on Windows | except",
        "list garden tools except the electric ones | electric | except",
        "how to steam greens in a pan instead of the steamer basket | steamer basket | instead of",
        // A kind named in two words after "that aren't" (decision 0169).
        "harbour guides that aren't ferry timetables | ferry timetables | that aren't",
        "Who founded the company, excluding any information about John R. Smith? |"
            + " John R. Smith | excluding",
        "Tell me about the museum without mentioning anything about the gift shop. |"
            + " gift shop | without",
        "Can you explain the novel without revealing any details about its sequel? |"
            + " revealing any details about its sequel | without",
        "Which bands toured Europe in 1999? Please exclude any details about Oasis. |"
            + " Oasis | exclude",
        "In addition to the Louvre, what other museums are in Paris? | Louvre | in addition to",
        "List pasta recipes that are not part of Italian cuisine | Italian cuisine |"
            + " that are not part of",
        "Describe the team's season, but please don't include the coach's biography |"
            + " coach's biography | don't include",
        "What else is in the kit in addition to the charger? | charger | in addition to",
        "In addition to Python, which languages does the team use? | Python | in addition to",
        "Leaving out the harbour, what sights does Gdansk offer? | harbour | leaving out",
        "Which roles did the actor play, not counting the 2004 sitcom Blue Door? |"
            + " 2004 sitcom Blue Door | not counting",
        "What else did the painter do outside of her role in the Dune Society? |"
            + " Dune Society | outside of",
        "Which lakes are good for swimming, while not discussing Lake Orta? | Lake Orta |"
            + " while not discussing",
        "Who sang on the album, but I don't want to know anything about Mia Lund? | Mia Lund |"
            + " but i don't want to know",
        "What is the plot of the novel? I don't need details about the author's life. |"
            + " author's life | i don't need",
        "Who founded the bakery? However, please refrain from discussing Tom Ek. | Tom Ek |"
            + " refrain from discussing",
        "Who else besides Ada Holm is credited on the record? | Ada Holm | besides",
        "Which parks are in the city, avoid any details about Elm Park? | Elm Park | avoid",
        "Exluding the lighthouse, what else can we visit in Ystad? | lighthouse | excluding",
        "pancake recipes witout buttermilk | buttermilk | without",
        "ferry timetables exluding the night boat | night boat | excluding",
        "Not includng the bonus tracks, which songs are on the album? | bonus tracks |"
            + " not including",
        "Regardless of its founder, Ann Roe, what else is known about the firm? |"
            + " its founder, Ann Roe | regardless of",
        "What other dishes does the café serve, not to mention its pancakes? | its pancakes |"
            + " not to mention",
        "In addition to the castle, can you suggest sights in Turku? | castle | in addition to",
        "How did the film portray the city without focusing on the mayor and his scandals? |"
            + " mayor and his scandals | without",
        "Did the poet know other painters, outside of her relationship with Ola Berg? |"
            + " Ola Berg | outside of",
        "Tell me about the album without bringing up any specific details from the band"
            + " Nordlys. | band Nordlys | without",
        "Besides his longtime rival, the former Swedish national champion and youth coach Erik"
            + " Lund, who else trained at the club? | his longtime rival, the former Swedish"
            + " national champion and youth coach Erik Lund | besides",
        "Ignoring the pier, what else can we see in Sopot? | pier | ignoring",
        "Barring any details about the 1999 remake, who starred in the film? | 1999 remake |"
            + " barring",
        "The harbour aside, what does Gdansk offer? | harbour | aside",
        "Which songs did Ola Berg write, while deliberately omitting any mention of the band Vy? |"
            + " band Vy | while deliberately omitting",
        "Who coached the team? (Please exclude any information about Tom Ek.) | Tom Ek | exclude",
        "Besides \"Up,\" what films did the studio make? | \"Up\" | besides",
        "Which albums did she record, excluding \"Blue Hour: Part 2\"? | \"Blue Hour: Part 2\" |"
            + " excluding",
        "Which beers does the brewery sell, excluding any made at its St. Olof mill? |"
            + " made at its St. Olof mill | excluding",
        "Which laptops are good for coding, not gaming? | gaming | not",
        "Name a film by the director that is not The Room | Room | that is not",
        "Which parks are in Oslo，excluding Frogner Park？ | Frogner Park | excluding",
        "Who scored, excluding any details about the 2011 league final between Vestby and Moss at"
            + " the old harbour stadium in Fredrikstad? | 2011 league final between Vestby and Moss"
            + " at the old harbour stadium in Fredrikstad | excluding",
        "Which venues host jazz &amp; blues, other than Blue Note? | Blue Note | other than",
        "Which features does the Vesta phone have that the Orma X2 does not have? | Orma X2 |"
            + " does not have",
        "Which topics did the podcast cover that Harbour Talk didn't cover? | Harbour Talk |"
            + " didn't cover",
        "Which stations play jazz but are not owned by Nordlys Media? | Nordlys Media |"
            + " but are not owned by",
        "\"Which bakeries, besides Lund Brod, open on Sundays?\" | Lund Brod | besides",
        "Which albums are back that were not part of the catalogue purge? | catalogue purge |"
            + " that were not part of",
        "Which museums are in Oslo, avoiding any details related to the Munch Museum? |"
            + " Munch Museum | avoiding",
        "What other roles did she play outside the 2004 sitcom Blue Door? | 2004 sitcom Blue Door"
            + " | outside",
        "Where else is the fern found, in addition to Ghana? | Ghana | in addition to",
        "In addition to the castle, the town also offers what? | castle | in addition to",
        "Unlike Python, which languages compile to native code? | Python | unlike",
        "Who wrote the score?Please exclude any information about Ola Berg. | Ola Berg | exclude",
        "What other lawyers besides Ed Ray were involved in the long trial of the 1995 harbour"
            + " fraud case? | Ed Ray | besides",
        "What other films did she make, aside from\"The Wait\"? | \"The Wait\" | aside from",
        "The chef not only ran Harbour Grill, but also what? | ran Harbour Grill | not only",
        "The fern not only grows in Wales, but also in which regions? | grows in Wales | not only",
        "Describe the old mill, while not focusing on the Lund family? | Lund family"
            + " | while not focusing on",
        "Which league is the club in, if we don't consider the Nordic Cup? | Nordic Cup"
            + " | don't consider",
        "Which bridges did he design, while quietly overlooking the Ash Viaduct? | Ash Viaduct"
            + " | while quietly overlooking",
        "Beyond the coach Ana Berg, what more is known about the team? | coach Ana Berg | beyond",
        "What else is known about the singer, regardless of her duet Blue Rain? | her duet Blue Rain"
            + " | regardless of",
        "Which operas by the composer (excluding Nordlys) were staged in Oslo? | Nordlys |"
            + " excluding",
        "Tell me about the sequel ”Blue Hour 2“, without mentioning the film ”Blue Hour“? |"
            + " film \"Blue Hour\" | without",
        "Apart from the harbour market that was restored after the 1990 fire, in which other"
            + " parts of the town can we shop? | harbour market that was restored after the 1990"
            + " fire | apart from",
        "In addition to the ferry to Tallinn, the company sails to which ports? | ferry to Tallinn"
            + " | in addition to",
        "In addition to the old mill, are there any sights in the village? | old mill |"
            + " in addition to",
        "Who ran the bakery, and other than that, I don't want to know anything about Tom Ek? |"
            + " Tom Ek | i don't want to know",
        "Which other grounds did the club use besides the old stadium when the new one was"
            + " built? | old stadium | besides",
        "Which other rivalries marked the final, on top of the Holm–Berg rivalry? | Holm–Berg"
            + " rivalry | on top of",
        "Describe the breed, but to distinguish it from the Vizsla, its coat. | Vizsla |"
            + " but to distinguish it from",
        "Distinguishing itself from the old town hall, what makes the new one special? |"
            + " old town hall | distinguishing itself from",
        "What is the festival like, and could you refrain from mentioning the sponsor Lund Bank?"
            + " | sponsor Lund Bank | and could you refrain from mentioning",
        "Which songs are on the album (not the bonus edition)? | bonus edition | not",
        "Does not include the harbour, can you list the sights of Gdansk? | harbour |"
            + " does not include",
        "What does the museum show, but don't mentioning the gift shop? | gift shop |"
            + " don't mentioning",
        "Ruling out the 1999 remake, who starred in the film? | 1999 remake | ruling out",
        "Which films did she make, ruling out the ones with Ed Ray? | ones with Ed Ray |"
            + " ruling out",
        // General cue forms (decision 0047), written on our own dev set's entities.
        "I don't want Brandt, show me drills | Brandt | i don't want",
        "no Lindo please, just rain jackets | Lindo | no",
        "anything but Orsa: camping stoves | Orsa | anything but",
        "camping stoves minus Orsa | Orsa | minus",
        "camping stoves, skip Orsa | Orsa | skip",
        "rain jackets, no Lindo | Lindo | no",
        "rain jackets but no Lindo please | Lindo | but no",
        "Lindo-free rain jackets | Lindo | -free",
        "rain jackets not made by Lindo | Lindo | not made by",
        "drills that aren't Brandt | Brandt | that aren't",
        "drills, Brandt excluded | Brandt | excluded",
        "drills, leave Brandt out | Brandt | leave out",
        "camping stoves exclude Orsa | Orsa | exclude",
        "How does the stove work, without any reference to Orsa? | Orsa | without",
        // Lower-case "x not y" at the end of a keyword query.
        "python web frameworks not django | django | not",
        "camping stoves not orsa | orsa | not",
        "telescope reviews not the refractors | refractors | not",
        // Filler around the excluded kind is cut (decision 0100).
        "camera bodies except for any of the full-frame ones | full-frame | except for",
        "kayak reviews, but not the inflatable ones please | inflatable | but not",
        "tents except some of the ultralight ones | ultralight | except",
        "hiking boots, no leather stuff please | leather | no",
        // After an article a state word is a thing; a list's repeated "no"; "those on" (decision
        // 0165).
        "latest training log that isn't a run | run | that isn't",
        "storm reports, no hail and no snow | hail and snow | no",
        "ferry timetables except those on winter routes | winter routes | except",
        // A set shown but one part, a document named as "the one …", "without" after a noun
        // (decision 0170).
        "show all kettle reviews except the glass ones | glass | except",
        "garden diary entries, not the one about the greenhouse | one about the greenhouse | not",
        "albums by the band, apart from one called Night Drive | one called Night Drive | apart from",
        "bread recipes without rye | rye | without",
        "turkey recipes without stuffing | stuffing | without",
        "Can you share the band's history without making any references to Kestrel Road? |"
            + " making any references to Kestrel Road | without",
        "router manuals without the mesh models | mesh models | without",
        "garden tool reviews, don't show me the electric ones | electric | don't show me",
        "soup recipes w/o onions | onions | without",
        "films apart from Kramer vs. Kramer | Kramer vs. Kramer | apart from",
        // "X but no Y" leaves Y out of what is asked (decision 0186).
        "soups but no fish | fish | but no",
        "I want a Corvane but no fanless models | fanless models | but no",
      })
  void findsTheExcludedEntity(String query, String excluded, String cue) {
    NegationDetector.Exclusion e = NegationDetector.detect(query);
    assertThat(e).isNotNull();
    assertThat(e.excluded()).isEqualTo(excluded);
    assertThat(e.cue()).isEqualTo(cue);
  }

  @Test
  void readsAcrossLineBreaks() {
    NegationDetector.Exclusion e =
        NegationDetector.detect("Which tools are there for Python 3,\nwithout mentioning PyCharm?");
    assertThat(e.excluded()).isEqualTo("PyCharm");
  }

  @Test
  void keepsThePositivePartAroundAMidSentenceExclusion() {
    NegationDetector.Exclusion e =
        NegationDetector.detect("laptops without touch screens, under 1,000 dollars");
    assertThat(e.excluded()).isEqualTo("touch screens");
    assertThat(e.positive()).isEqualTo("laptops under 1,000 dollars");
  }

  @Test
  void dropsASoftenerLeftBeforeTheCue() {
    NegationDetector.Exclusion e = NegationDetector.detect("tents for two, just not from Vango");
    assertThat(e.excluded()).isEqualTo("Vango");
    assertThat(e.positive()).isEqualTo("tents for two");
  }

  @Test
  void movesTheQuestionAfterTheEntityBackToThePositivePart() {
    NegationDetector.Exclusion e =
        NegationDetector.detect("Who else besides Ada Holm is credited on the record?");
    assertThat(e.positive()).isEqualTo("Who else is credited on the record?");
  }

  @Test
  void movesAPresentTenseVerbAfterTheEntityBackToThePositivePart() {
    NegationDetector.Exclusion e =
        NegationDetector.detect("Who else besides Ada Holm plays in the quartet?");
    assertThat(e.excluded()).isEqualTo("Ada Holm");
    assertThat(e.positive()).isEqualTo("Who else plays in the quartet?");
  }

  @Test
  void cutsARoleInFrontOfTheExcludedTitle() {
    NegationDetector.Exclusion e =
        NegationDetector.detect(
            "Aside from his role in the 2011 comedy Red Kite, what else has the actor done?");
    assertThat(e.excluded()).isEqualTo("2011 comedy Red Kite");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "how do vector indexes work",
        // A one-letter typo is corrected only for cue words no English word lies next to.
        "how to expect the unexpected in job interviews",
        "within the city walls of Tallinn",
        // Negation inside content (decision 0047): a property or a way of doing, not an entity.
        "keyboards without a number pad",
        "how to travel the coast without a car",
        "can you bake bread without yeast",
        // An instruction that opens on its verb says how to do it (decision 0158).
        "deploy without downtime",
        "run the tests without network access",
        "install the app without admin rights",
        // A substitute asked for, an amount or a quality lacked (decision 0169).
        "what can I use instead of eggs in pancakes",
        "ferns that grow without much light",
        "espresso without the bitterness",
        // A question about leaving out asks how to; a part ending on what was (not) seen
        // reports a problem (decision 0158).
        "how to exclude a folder from the search index",
        "can I skip migrations on startup",
        "rows missing after import, no errors shown",
        "queue consumer stops, no more messages processed",
        "phones with no headphone jack",
        "What primate had big ears but no tail?",
        // "but no" after what a thing has or is, or after a state: a property or a symptom.
        "a tablet with a big screen but no keyboard",
        "laptop has wifi but no bluetooth",
        "wifi connected but no internet",
        "router works but no signal on the top floor",
        "tv turns on but no picture",
        "tried resetting it twice but no luck",
        "gluten-free pizza dough",
        "What is seven minus two?",
        "Which game does not exclude recording the moves?",
        "Who survived the storm except who?",
        "In addition to being a singer, she acts; which films did she act in?",
        "the band that played not only rock but also jazz",
        "What did the explorer find beyond the river",
        "In addition to the museum, the town has a harbour.",
        "Who else was at the party?",
        "Which diets leave out gluten?",
        "How to avoid burnout at work",
        "Beside the lake, which cafés are open?",
        "Includng the bonus tracks, how long is the album?",
        "The hotel has a pool, not to mention a spa.",
        "Excluded from the team, what did the player do next?",
        "Without focusing on anything, how do I meditate?",
        "Which painter inspired the 1981 film \"The Sea Without a Shore\"?",
        "What is the plot of \"Life, Except Mondays\" and who wrote it?",
        "How do I live without a car in a big northern city with long and cold winters and costly"
            + " taxis?",
        "Which phones are popular, not only with teenagers?",
        "Which laptops are not only light but also cheap?",
        "The tram is not only quick, but also cheap.",
        "Beyond the river, what is more scenic: the hills or the coast?",
        "In addition to the museum, the town also has a harbour.",
        "Which museum has a garden that the city does not maintain?",
        "Which report by Doctors Without Borders covers the cholera season?",
        "Which film did The Sea Without A Shore inspire?",
        "The council has ruled out a new stadium near the harbour.",
        "How do I boil pasta when the water is hard?",
        "Who won the most (but not a majority of) votes in the 1824 election?",
        // "not" that negates a verb or states a condition, in keyword queries and questions.
        "why is my build not working",
        "bread not rising",
        "page not found after deploy",
        "tests that do not run on the build server",
        "dishwasher not draining properly",
        "soup not hot enough",
        "owl calling but not seen",
        "What is known about the festival, regardless of its sponsor?",
        "cheap laptops, nothing fancy",
        "tents that aren't heavy",
        "tents that aren't very heavy tents",
        "plans that are not always cheap",
        "which shoes are not glass",
        "plain rice, nothing but salt",
        "the bakery sells bread, nothing else",
        "What makes a raven unlike a crow?",
        "a song unlike any other",
        "I like neither tea nor coffee",
        // A count, an operation on a whole set but one part, "without" after a verb (decision
        // 0170).
        "merge all rows except one in the sheet",
        "rename every photo apart from two files",
        "lint everything except the generated folder",
        "disable all plugins other than the spell checker",
        "helm upgrade without losing the release history",
        "javascript sort without mutating the array",
        "freeze cookie dough without ruining the texture",
        "papers on learning without labels",
        "the laptop fan works without the driver installed",
        "printer won't connect without the cable",
        "toddler won't nap, nothing helps",
        "postgres interval without time zone vs with time zone",
        "checklist for camping without electricity",
        "why don't they show the price on the menu",
        "",
      })
  void findsNothingWhereNothingIsExcluded(String query) {
    assertThat(NegationDetector.detect(query)).isNull();
  }
}

package io.agenthub.core.broker;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class VenuesTest {

    @Test
    void shouldTakeTheNamedVenueWhenARecordNamesOne() {
        assertThat(Venues.of("hashkey", true)).isEqualTo("hashkey");
        assertThat(Venues.of("paper", false)).isEqualTo("paper");
    }

    @Test
    void shouldTakeTheVenueItsLiveFlagMeantWhenARecordOfTheReleaseBeforeNamesNone() {
        assertThat(Venues.of(null, true)).isEqualTo(Venues.HASHKEY);
        assertThat(Venues.of(null, false)).isEqualTo(Venues.PAPER);
        assertThat(Venues.of(" ", false)).isEqualTo(Venues.PAPER);
    }

    @Test
    void shouldKnowPaperAndEveryLiveVenueAndNothingElseWhenAsked() {
        assertThat(Venues.all()).startsWith(Venues.PAPER).containsAll(Venues.live());
        assertThat(Venues.all()).allMatch(Venues::known);
        assertThat(Venues.known("nasdaq")).isFalse();
        assertThat(Venues.live()).allMatch(Venues::isLive).doesNotContain(Venues.PAPER);
    }
}

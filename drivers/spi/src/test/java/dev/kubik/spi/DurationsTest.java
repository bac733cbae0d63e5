package dev.kubik.spi;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DurationsTest {
    @Test
    void goStyleDurationsAreRead() {
        assertThat(Durations.parse("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(Durations.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(Durations.parse(" 1500ms ")).isEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void anythingElseIsRefusedSayingHowToWriteOne() {
        for (String bad : new String[] {"", "20", "20 m", "m", "0s", "1d", "20m-"}) {
            assertThatThrownBy(() -> Durations.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageEndingWith("is not a duration: write it as 90s, 20m or 1h30m");
        }
    }

    @Test
    void durationsAreWrittenForPeopleAndForTheParser() {
        assertThat(Durations.describe(Duration.ofMinutes(20))).isEqualTo("20 min");
        assertThat(Durations.describe(Duration.ofMillis(1500))).isEqualTo("1500 ms");
        assertThat(Durations.format(Duration.ofSeconds(6))).isEqualTo("6s");
        assertThat(Durations.parse(Durations.format(Duration.ofMillis(1500)))).isEqualTo(Duration.ofMillis(1500));
    }
}

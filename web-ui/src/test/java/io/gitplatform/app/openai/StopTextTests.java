package io.gitplatform.app.openai;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Stop sequences over streamed pieces: nothing of a stop sequence is ever shown, even split across tokens. */
class StopTextTests {

    private static List<String> feed(StopText stop, String... pieces) {
        List<String> shown = new ArrayList<>();
        for (String p : pieces) {
            shown.add(stop.push(p));
        }
        shown.add(stop.flush());
        return shown;
    }

    @Test
    void cutsBeforeASequenceInsideOnePiece() {
        StopText stop = new StopText(List.of("circle"));
        assertThat(feed(stop, "a", " blue", " circle", " moving")).containsExactly("a", " blue", " ", "", "");
        assertThat(stop.stopped()).isTrue();
    }

    @Test
    void holdsBackATailThatMayStartASequenceUntilTheNextPieceTells() {
        StopText stop = new StopText(List.of("ci", " moving"));
        // "c" could start "ci": held back until "ar" shows it did not; " mov" could start " moving": held
        assertThat(feed(stop, "a c", "ar", " mov", "ing up")).containsExactly("a ", "car", "", "", "");
        assertThat(stop.stopped()).isTrue();
    }

    @Test
    void theEarliestOfSeveralSequencesWins() {
        StopText stop = new StopText(List.of("up", "blue"));
        assertThat(String.join("", feed(stop, "a blue circle moving up"))).isEqualTo("a ");
    }

    @Test
    void withoutAMatchEverythingIsShownAndTheHeldTailIsFlushed() {
        StopText stop = new StopText(List.of("circles"));
        assertThat(feed(stop, "a", " blue", " circle")).containsExactly("a", " blue", " ", "circle");
        assertThat(stop.stopped()).isFalse();
    }

    @Test
    void noSequencesShowsEveryPieceAsItComes() {
        assertThat(feed(new StopText(List.of()), "a", " b")).containsExactly("a", " b", "");
    }
}

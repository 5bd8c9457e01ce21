package io.daemoncontroller.cli;

import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NewLogLinesTests {

    @Test
    void linesAppendedToAShortLogAreNew() {
        assertThat(NewLogLines.between(List.of("a", "b"), List.of("a", "b", "c", "d"), true))
                .isEqualTo(new NewLogLines(List.of("c", "d"), true));
    }

    @Test
    void nothingIsNewWhenTheLogDidNotChange() {
        assertThat(NewLogLines.between(List.of("a", "b"), List.of("a", "b"), true).lines()).isEmpty();
    }

    @Test
    void theFirstReadIsAllNew() {
        assertThat(NewLogLines.between(List.of(), List.of("a"), false)).isEqualTo(new NewLogLines(List.of("a"), true));
    }

    @Test
    void aShortFirstReadIsFoundInsideALongerWindow() {
        List<String> window = lines(1, 1000);
        assertThat(NewLogLines.between(lines(991, 1000), window, false).lines()).isEmpty();
        assertThat(NewLogLines.between(lines(981, 990), window, false).lines()).isEqualTo(lines(991, 1000));
    }

    @Test
    void aWindowThatMovedOnKeepsOnlyTheLinesAfterTheEarlierOnes() {
        assertThat(NewLogLines.between(lines(1, 1000), lines(301, 1300), false))
                .isEqualTo(new NewLogLines(lines(1001, 1300), true));
    }

    @Test
    void repeatedLinesOfALogShorterThanTheWindowAreCounted() {
        assertThat(NewLogLines.between(List.of("tick", "tick"), List.of("tick", "tick", "tick"), true).lines())
                .containsExactly("tick");
    }

    @Test
    void aWholeLogThatNoLongerStartsAsBeforeWasRotatedOrTruncated() {
        assertThat(NewLogLines.between(List.of("a", "b"), List.of("c"), true))
                .isEqualTo(new NewLogLines(List.of("c"), false));
    }

    @Test
    void aWindowWithNothingInCommonIsAllNewAndSaysLinesMayBeMissing() {
        assertThat(NewLogLines.between(lines(1, 1000), lines(2001, 3000), false))
                .isEqualTo(new NewLogLines(lines(2001, 3000), false));
    }

    private static List<String> lines(int first, int last) {
        return IntStream.rangeClosed(first, last).mapToObj(line -> "line " + line).toList();
    }
}

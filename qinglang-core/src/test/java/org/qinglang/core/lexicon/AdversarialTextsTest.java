package org.qinglang.core.lexicon;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Texts built to make a scan do quadratic work (a long run of digits inside a Latin word, a text full of one
 * entry's exemptions): each is scanned in linear time, well inside the bound, with the hits it should have.
 */
class AdversarialTextsTest {

    @Test
    void aLongRunOfDigitsInsideALatinWordIsScannedOnce() {
        FeatureLibrary lib = FeatureLibrary.compile(List.of(Entry.of("bitch")));
        String text = "a" + "0".repeat(300_000) + "b";
        List<Hit> hits = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> lib.scan(text));
        assertThat(hits).isEmpty();
        assertThat(lib.scan("you b1tch")).as("a leet digit still reads as a letter").isNotEmpty();
        assertThat(lib.scan("you b17ch")).as("and a run of them").isNotEmpty();
    }

    @Test
    void aThreadKeepsNoMegabytesAfterATextWithHundredsOfThousandsOfCandidates() {
        FeatureLibrary lib = FeatureLibrary.compile(List.of(Entry.of("哈哈"), Entry.of("哈哈哈"), Entry.of("哈哈哈哈"),
                Entry.of("哈哈哈哈哈"), Entry.of("哈哈哈哈哈哈"), Entry.of("哈哈哈哈哈哈哈")));
        lib.scan("哈".repeat(60_000));
        assertThat(FeatureLibrary.scratchRoom()).isLessThanOrEqualTo(1 << 16);
    }

    @Test
    void aTextFullOfExemptionsIsScannedInLinearTime() {
        FeatureLibrary lib = FeatureLibrary.compile(List.of(LibraryFile.parseEntry("黄片 | exempt=三黄片", "色情")));
        String text = "三黄片".repeat(200_000);
        List<Hit> hits = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> lib.scan(text));
        assertThat(hits).isEmpty();
        assertThat(lib.scan("三黄片和黄片")).extracting(Hit::start).containsExactly(4);
    }
}

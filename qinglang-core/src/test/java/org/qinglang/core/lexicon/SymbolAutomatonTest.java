package org.qinglang.core.lexicon;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SymbolAutomatonTest {

    @Test
    void findsEveryOccurrenceLikeANaiveMatcher() {
        Random random = new Random(42);
        for (int round = 0; round < 200; round++) {
            int alphabet = 2 + random.nextInt(6);
            List<int[]> patterns = new ArrayList<>();
            for (int p = 0, n = 1 + random.nextInt(30); p < n; p++) {
                int[] pat = new int[1 + random.nextInt(5)];
                for (int k = 0; k < pat.length; k++) {
                    pat[k] = 1 + random.nextInt(alphabet);
                }
                patterns.add(pat);
            }
            int[] text = new int[random.nextInt(60)];
            for (int k = 0; k < text.length; k++) {
                text[k] = random.nextInt(alphabet + 2); // 0 and alphabet+1 are in no pattern
            }
            SymbolAutomaton a = SymbolAutomaton.of(patterns);
            assertThat(walk(a, text)).as("round %d", round).isEqualTo(naive(patterns, text));
        }
    }

    /**
     * An alphabet too large for the table of depth-one edges, as the character automaton's (steps from a
     * child of the root then probe the double array like any other state).
     */
    @Test
    void findsEveryOccurrenceLikeANaiveMatcherOverALargeAlphabet() {
        Random random = new Random(7);
        for (int round = 0; round < 200; round++) {
            int[] pool = new int[3 + random.nextInt(300)];
            for (int k = 0; k < pool.length; k++) {
                pool[k] = 1 + random.nextInt(5000);
            }
            List<int[]> patterns = new ArrayList<>();
            patterns.add(new int[] {4999, 4998}); // makes the alphabet large
            for (int p = 0, n = 1 + random.nextInt(400); p < n; p++) {
                int[] pat = new int[1 + random.nextInt(5)];
                for (int k = 0; k < pat.length; k++) {
                    pat[k] = pool[random.nextInt(Math.min(pool.length, 12))];
                }
                patterns.add(pat);
            }
            int[] text = new int[random.nextInt(200)];
            for (int k = 0; k < text.length; k++) {
                text[k] = random.nextInt(8) == 0 ? random.nextInt(5002) : pool[random.nextInt(Math.min(pool.length, 14))];
            }
            SymbolAutomaton a = SymbolAutomaton.of(patterns);
            assertThat(walk(a, text)).as("round %d", round).isEqualTo(naive(patterns, text));
        }
    }

    @Test
    void rejectsEmptyPatternsAndNonPositiveSymbols() {
        SymbolAutomaton.Builder b = new SymbolAutomaton.Builder();
        assertThatThrownBy(() -> b.add(new int[0])).hasMessageContaining("at least one symbol");
        assertThatThrownBy(() -> b.add(new int[] {1, 0})).hasMessageContaining("must be positive");
    }

    /** Matches as "pattern id @ end index". */
    private static Set<String> walk(SymbolAutomaton a, int[] text) {
        Set<String> out = new TreeSet<>();
        int s = SymbolAutomaton.ROOT;
        for (int i = 0; i < text.length; i++) {
            s = a.next(s, text[i]);
            for (int o = a.firstOutputState(s); o >= 0; o = a.nextOutputState(o)) {
                for (int k = a.outputHead(o); a.output(k) >= 0; k++) {
                    assertThat(a.outputLength(o)).isEqualTo(a.patternLength(a.output(k)));
                    out.add(a.output(k) + "@" + (i + 1));
                }
            }
        }
        return out;
    }

    private static Set<String> naive(List<int[]> patterns, int[] text) {
        Set<String> out = new TreeSet<>();
        for (int p = 0; p < patterns.size(); p++) {
            int[] pat = patterns.get(p);
            for (int end = pat.length; end <= text.length; end++) {
                boolean match = true;
                for (int k = 0; k < pat.length && match; k++) {
                    match = text[end - pat.length + k] == pat[k];
                }
                if (match) {
                    out.add(p + "@" + end);
                }
            }
        }
        return out;
    }
}

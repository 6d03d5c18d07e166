package org.qinglang.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The plain word list that every peer gets in the benchmarks: {@code lexicons/sensitive-word-dict.txt}
 * (the word list of houbb/sensitive-word's test suite, Apache-2.0), one term a line, stripped, blank lines
 * dropped, duplicates dropped (first kept), in file order.
 */
public final class WordListFile {

    /** The large lexicon's path under the data folder. */
    public static final String SENSITIVE_WORD_DICT = "lexicons/sensitive-word-dict.txt";

    private WordListFile() {
    }

    /** The large lexicon from the configured data folder. */
    public static List<String> sensitiveWordDict() {
        return read(DataDir.file(DataDir.require(), SENSITIVE_WORD_DICT));
    }

    /** The distinct stripped terms of {@code file}, in file order. */
    public static List<String> read(Path file) {
        try {
            Set<String> terms = new LinkedHashSet<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String t = line.replace("\uFEFF", "").strip();
                if (!t.isEmpty()) {
                    terms.add(t);
                }
            }
            return List.copyOf(terms);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}

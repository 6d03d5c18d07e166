package org.qinglang.core.text;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Split characters (拆字): how a character is written as its components side by side, 弓长 for 张, 女子 for
 * 好, 辶畐 for 逼. From the chaizi table of kfcd/chaizi ({@code chaizi-jt.txt}, CC BY 3.0), keeping the
 * decompositions into two or three components that are themselves characters of the BMP.
 *
 * <p>Immutable and thread-safe.
 */
public final class SplitTable {

    private final Map<Character, List<String>> splits;

    private SplitTable(Map<Character, List<String>> splits) {
        this.splits = splits;
    }

    /** The standard table, loaded on first use. */
    public static SplitTable standard() {
        return Holder.STANDARD;
    }

    /** The ways {@code c} is split into components, each a string of two or three characters. */
    public List<String> splitsOf(char c) {
        return splits.getOrDefault(c, List.of());
    }

    private static final class Holder {
        static final SplitTable STANDARD = load();
    }

    private static SplitTable load() {
        Map<Character, List<String>> splits = new HashMap<>();
        try (BufferedReader r = Folding.open("chaizi-jt.txt")) {
            for (String line; (line = r.readLine()) != null; ) {
                String[] fields = line.split("\t");
                if (fields.length < 2 || fields[0].length() != 1) {
                    continue;
                }
                List<String> ways = new ArrayList<>();
                for (int i = 1; i < fields.length; i++) {
                    String way = fields[i].replace(" ", "");
                    if (way.length() >= 2 && way.length() <= 3 && way.codePoints().allMatch(Character::isBmpCodePoint)
                            && !ways.contains(way)) {
                        ways.add(way);
                    }
                }
                if (!ways.isEmpty()) {
                    splits.put(fields[0].charAt(0), List.copyOf(ways));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new SplitTable(Map.copyOf(splits));
    }
}

package org.qinglang.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One comment of COLD (Chinese Offensive Language Dataset, thu-coai, Apache-2.0).
 *
 * <p>The files have the header {@code ,split,topic,label,TEXT}; test.csv adds {@code fine-grained-label}
 * before {@code TEXT}. The first line starts with a UTF-8 byte-order mark. Every record is one line. The
 * text is everything after the last column separator before it (it may contain commas); a text that holds a
 * comma or quote is written in double quotes with inner quotes doubled, and is unquoted here.
 *
 * @param id    the dataset's row id (first column)
 * @param split train, dev or test
 * @param topic race, gender or region
 * @param label 1 = offensive, 0 = not
 * @param text  the comment
 */
public record ColdComment(String id, String split, String topic, int label, String text) {

    /** True if the comment is labelled not offensive. */
    public boolean innocent() {
        return label == 0;
    }

    /** Reads every comment of one COLD file, in file order. */
    public static List<ColdComment> read(Path csv) {
        try (BufferedReader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            String header = r.readLine();
            if (header == null) {
                throw new IllegalStateException(csv + " is empty: expected the COLD header ,split,topic,label,TEXT");
            }
            int columnsBeforeText = columnsBeforeText(header, csv.toString());
            List<ColdComment> out = new ArrayList<>();
            int lineNo = 1;
            for (String line; (line = r.readLine()) != null; ) {
                lineNo++;
                if (!line.isBlank()) {
                    out.add(parse(line, columnsBeforeText, csv + ":" + lineNo));
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + csv, e);
        }
    }

    /** How many columns come before TEXT, from the header line (BOM allowed). */
    static int columnsBeforeText(String header, String source) {
        String h = header.startsWith("\uFEFF") ? header.substring(1) : header;
        String[] names = h.strip().split(",", -1);
        if (names.length < 5 || !names[names.length - 1].equals("TEXT") || !names[1].equals("split")
                || !names[3].equals("label")) {
            throw new IllegalStateException(source + ": header '" + h
                    + "' is not COLD's (,split,topic,label,TEXT or with fine-grained-label before TEXT)");
        }
        return names.length - 1;
    }

    /** Parses one record line that has {@code columnsBeforeText} columns before the text. */
    static ColdComment parse(String line, int columnsBeforeText, String where) {
        int[] commas = new int[columnsBeforeText];
        int from = 0;
        for (int i = 0; i < columnsBeforeText; i++) {
            int c = line.indexOf(',', from);
            if (c < 0) {
                throw new IllegalStateException(where + ": expected " + columnsBeforeText
                        + " columns before the text, found " + i);
            }
            commas[i] = c;
            from = c + 1;
        }
        String id = line.substring(0, commas[0]);
        String split = line.substring(commas[0] + 1, commas[1]);
        String topic = line.substring(commas[1] + 1, commas[2]);
        String labelField = line.substring(commas[2] + 1, commas[3]);
        int label;
        try {
            label = Integer.parseInt(labelField.strip());
        } catch (NumberFormatException e) {
            throw new IllegalStateException(where + ": label '" + labelField + "' is not 0 or 1");
        }
        return new ColdComment(id, split, topic, label, unquote(line.substring(from)));
    }

    private static String unquote(String field) {
        if (field.length() >= 2 && field.charAt(0) == '"' && field.charAt(field.length() - 1) == '"') {
            return field.substring(1, field.length() - 1).replace("\"\"", "\"");
        }
        return field;
    }
}

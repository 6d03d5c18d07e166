package org.qinglang.core.classify;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads a labelled CSV file: COLD (Chinese Offensive Language Dataset, thu-coai, Apache-2.0) or SWSR
 * (Sina Weibo Sexism Review, MIT), or any CSV with a header naming a {@code label} column (0 or 1) and a
 * text column ({@code TEXT}, {@code text} or {@code comment_text}).
 *
 * <p>COLD's header is {@code ,split,topic,label,TEXT} ({@code test.csv} adds {@code fine-grained-label}
 * before {@code TEXT}); its texts are not always quoted even when they hold commas, so when the text is the
 * last column it is everything after the column separators before it. A field in double quotes has its
 * inner quotes doubled, and may span lines. A UTF-8 byte-order mark on line 1 is skipped.
 */
public final class LabelledCsv {

    private static final List<String> TEXT_COLUMNS = List.of("text", "comment_text");

    private LabelledCsv() {
    }

    /** Reads every row of {@code csv}, in file order. Fails naming the file and line of the first bad row. */
    public static List<LabelledText> read(Path csv) throws IOException {
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
        try (BufferedReader r = new BufferedReader(new InputStreamReader(Files.newInputStream(csv), decoder))) {
            return read(r, csv.toString());
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(csv.toString(), null, "no such file");
        }
    }

    /** Reads every row from {@code reader}; {@code source} names it in messages. */
    public static List<LabelledText> read(BufferedReader reader, String source) throws IOException {
        String header = reader.readLine();
        if (header == null) {
            throw new IOException(source + ": empty file; expected a CSV header with 'label' and 'text' columns");
        }
        if (header.startsWith("\uFEFF")) {
            header = header.substring(1);
        }
        List<String> names = splitAll(header.strip());
        int labelCol = -1;
        int textCol = -1;
        for (int i = 0; i < names.size(); i++) {
            String n = names.get(i).strip().toLowerCase(Locale.ROOT);
            if (n.equals("label") && labelCol < 0) {
                labelCol = i;
            } else if (TEXT_COLUMNS.contains(n) && textCol < 0) {
                textCol = i;
            }
        }
        if (labelCol < 0 || textCol < 0) {
            throw new IOException(source + ":1: header '" + header + "' has no "
                    + (labelCol < 0 ? "'label'" : "'TEXT' (or 'text', 'comment_text')") + " column");
        }
        boolean textLast = textCol == names.size() - 1;
        List<LabelledText> out = new ArrayList<>();
        int lineNo = 1;
        for (String line; (line = reader.readLine()) != null; ) {
            lineNo++;
            int startLine = lineNo;
            if (line.isBlank()) {
                continue;
            }
            List<String> fields;
            if (textLast) {
                fields = splitLeading(line, textCol);
                if (fields == null) {
                    throw new IOException(source + ":" + startLine + ": expected " + names.size()
                            + " columns, found fewer");
                }
                String text = fields.get(textCol);
                while (opensQuote(text) && !closesQuote(text)) {
                    String more = reader.readLine();
                    if (more == null) {
                        throw new IOException(source + ":" + startLine + ": quoted text never closed");
                    }
                    lineNo++;
                    text = text + "\n" + more;
                }
                fields.set(textCol, unquote(text));
            } else {
                StringBuilder record = new StringBuilder(line);
                while (unbalanced(record)) {
                    String more = reader.readLine();
                    if (more == null) {
                        throw new IOException(source + ":" + startLine + ": quoted field never closed");
                    }
                    lineNo++;
                    record.append('\n').append(more);
                }
                fields = splitAll(record.toString());
                if (fields.size() != names.size()) {
                    throw new IOException(source + ":" + startLine + ": expected " + names.size()
                            + " columns, found " + fields.size());
                }
            }
            String labelField = fields.get(labelCol).strip();
            int label;
            if (labelField.equals("0")) {
                label = 0;
            } else if (labelField.equals("1")) {
                label = 1;
            } else {
                throw new IOException(source + ":" + startLine + ": label '" + labelField + "' is not 0 or 1");
            }
            out.add(new LabelledText(fields.get(textCol), label));
        }
        return out;
    }

    /** The first {@code n} comma-separated fields (quoted ones unquoted), then the rest as it is; null if short. */
    private static List<String> splitLeading(String line, int n) {
        List<String> out = new ArrayList<>(n + 1);
        int i = 0;
        for (int f = 0; f < n; f++) {
            int[] end = new int[1];
            String field = field(line, i, end);
            if (end[0] >= line.length()) {
                return null;
            }
            out.add(field);
            i = end[0] + 1;
        }
        out.add(line.substring(i));
        return out;
    }

    /** Every field of one record, RFC 4180 style. */
    private static List<String> splitAll(String record) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (true) {
            int[] end = new int[1];
            out.add(field(record, i, end));
            if (end[0] >= record.length()) {
                return out;
            }
            i = end[0] + 1;
        }
    }

    /** The field starting at {@code from}; {@code end[0]} gets the index of the comma after it, or the length. */
    private static String field(String s, int from, int[] end) {
        if (from < s.length() && s.charAt(from) == '"') {
            StringBuilder b = new StringBuilder();
            int i = from + 1;
            while (i < s.length()) {
                char c = s.charAt(i);
                if (c == '"') {
                    if (i + 1 < s.length() && s.charAt(i + 1) == '"') {
                        b.append('"');
                        i += 2;
                        continue;
                    }
                    i++;
                    break;
                }
                b.append(c);
                i++;
            }
            int comma = s.indexOf(',', i);
            end[0] = comma < 0 ? s.length() : comma;
            if (i < end[0]) {
                b.append(s, i, end[0]);
            }
            return b.toString();
        }
        int comma = s.indexOf(',', from);
        end[0] = comma < 0 ? s.length() : comma;
        return s.substring(from, end[0]);
    }

    private static boolean unbalanced(CharSequence record) {
        int quotes = 0;
        for (int i = 0; i < record.length(); i++) {
            if (record.charAt(i) == '"') {
                quotes++;
            }
        }
        return quotes % 2 != 0;
    }

    private static boolean opensQuote(String field) {
        return !field.isEmpty() && field.charAt(0) == '"';
    }

    private static boolean closesQuote(String field) {
        if (field.length() < 2 || field.charAt(field.length() - 1) != '"') {
            return false;
        }
        int run = 0;
        for (int i = field.length() - 1; i > 0 && field.charAt(i) == '"'; i--) {
            run++;
        }
        return run % 2 == 1;
    }

    private static String unquote(String field) {
        if (field.length() >= 2 && field.charAt(0) == '"' && field.charAt(field.length() - 1) == '"') {
            return field.substring(1, field.length() - 1).replace("\"\"", "\"");
        }
        return field;
    }
}

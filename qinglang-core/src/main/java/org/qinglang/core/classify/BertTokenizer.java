package org.qinglang.core.classify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The sentence encoder's tokenizer (分词器) in plain Java: the BERT tokenizer that a Hugging Face
 * {@code tokenizer.json} describes (BertNormalizer without lower-casing, BertPreTokenizer, WordPiece, [CLS] … [SEP]),
 * giving the same ids as the Hugging Face {@code tokenizers} library. Reading the ids here costs some
 * microseconds a text where the native library, through DJL, took some hundreds (its {@code Encoding} is many arrays
 * and strings copied across JNI), and loads no native code.
 *
 * <p>Steps, as in the Rust library: the added tokens ([CLS], [SEP], [UNK], [PAD], [MASK]) written literally in the
 * text are taken out first, unnormalised; the rest is cleaned (U+0000, U+FFFD and control, format, private-use and
 * surrogate code points dropped, as the Rust library's Unicode tables class them; white space, by the Unicode
 * White_Space property, made a space), each CJK ideograph is surrounded by spaces, the text is split at spaces and
 * around every punctuation character (ASCII punctuation and the Unicode P* categories), and each word becomes the longest vocabulary entries from its
 * start ({@code ##} before a word's later pieces), or one [UNK] when some part matches none or the word is longer
 * than the limit. The tokens are cut to {@code maxTokens − 2}, then [CLS] and [SEP] are put around them.
 *
 * <p>Immutable and thread-safe. {@code BertTokenizerTest} checks it against the native library on real comments
 * and on every code point.
 */
final class BertTokenizer {

    private final Map<String, Integer> vocabulary;
    private final Map<String, Integer> addedTokens;
    private final String[] addedTexts;
    private final String continuation;
    private final int unknown;
    private final int maxWordLength;
    private final int cls;
    private final int sep;

    private BertTokenizer(Map<String, Integer> vocabulary, Map<String, Integer> addedTokens, String continuation,
                          int unknown, int maxWordLength, int cls, int sep) {
        this.vocabulary = vocabulary;
        this.addedTokens = addedTokens;
        this.addedTexts = addedTokens.keySet().toArray(String[]::new);
        this.continuation = continuation;
        this.unknown = unknown;
        this.maxWordLength = maxWordLength;
        this.cls = cls;
        this.sep = sep;
    }

    /**
     * Reads a {@code tokenizer.json}; one that asks for anything this class does not do (lower-casing, accent
     * stripping, another model or template) is refused with an {@link IOException} naming the field.
     */
    static BertTokenizer read(InputStream json, String source) throws IOException {
        JsonNode root = new ObjectMapper().readTree(json);
        JsonNode normalizer = root.path("normalizer");
        require(normalizer.path("type").asText().equals("BertNormalizer"), source,
                "normalizer.type is not BertNormalizer");
        require(normalizer.path("clean_text").asBoolean(false), source, "normalizer.clean_text is not true");
        require(normalizer.path("handle_chinese_chars").asBoolean(false), source,
                "normalizer.handle_chinese_chars is not true");
        require(!normalizer.path("lowercase").asBoolean(true), source, "normalizer.lowercase is not false");
        JsonNode accents = normalizer.path("strip_accents");
        require(accents.isNull() || accents.isMissingNode() || !accents.asBoolean(), source,
                "normalizer.strip_accents is true");
        require(root.path("pre_tokenizer").path("type").asText().equals("BertPreTokenizer"), source,
                "pre_tokenizer.type is not BertPreTokenizer");
        JsonNode model = root.path("model");
        require(model.path("type").asText().equals("WordPiece"), source, "model.type is not WordPiece");
        Map<String, Integer> vocabulary = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = model.path("vocab").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            vocabulary.put(e.getKey(), e.getValue().asInt());
        }
        require(!vocabulary.isEmpty(), source, "model.vocab is empty");
        Map<String, Integer> added = new HashMap<>();
        for (JsonNode t : root.path("added_tokens")) {
            require(!t.path("normalized").asBoolean(true) && !t.path("lstrip").asBoolean(true)
                    && !t.path("rstrip").asBoolean(true) && !t.path("single_word").asBoolean(true), source,
                    "added token " + t.path("content").asText() + " is normalized, stripped or single-word");
            added.put(t.path("content").asText(), t.path("id").asInt());
        }
        JsonNode single = root.path("post_processor").path("single");
        require(root.path("post_processor").path("type").asText().equals("TemplateProcessing") && single.size() == 3
                        && single.get(0).path("SpecialToken").path("id").asText().equals("[CLS]")
                        && single.get(1).path("Sequence").path("id").asText().equals("A")
                        && single.get(2).path("SpecialToken").path("id").asText().equals("[SEP]"), source,
                "post_processor is not the template [CLS] A [SEP]");
        String unk = model.path("unk_token").asText();
        require(vocabulary.containsKey(unk) && vocabulary.containsKey("[CLS]") && vocabulary.containsKey("[SEP]"),
                source, "the vocabulary lacks " + unk + ", [CLS] or [SEP]");
        return new BertTokenizer(Map.copyOf(vocabulary), Map.copyOf(added),
                model.path("continuing_subword_prefix").asText("##"), vocabulary.get(unk),
                model.path("max_input_chars_per_word").asInt(100), vocabulary.get("[CLS]"), vocabulary.get("[SEP]"));
    }

    private static void require(boolean ok, String source, String problem) throws IOException {
        if (!ok) {
            throw new IOException("tokenizer " + source + ": " + problem + "; this tokenizer reads BERT WordPiece"
                    + " tokenizers without lower-casing only");
        }
    }

    /** The ids of {@code text}: [CLS], at most {@code maxTokens − 2} tokens, [SEP]. */
    long[] encode(String text, int maxTokens) {
        if (maxTokens < 2) {
            throw new IllegalArgumentException("maxTokens must be at least 2 ([CLS] and [SEP]), was " + maxTokens);
        }
        List<Integer> ids = new ArrayList<>();
        int limit = maxTokens - 2;
        // where each added token next occurs (-1: nowhere further), searched again only once passed: searching the
        // rest of the text for every token after each one found was quadratic in a long text full of them
        int[] next = new int[addedTexts.length];
        Arrays.fill(next, -2);
        int from = 0;
        while (from < text.length() && ids.size() < limit) {
            int at = -1;
            String found = null;
            for (int k = 0; k < addedTexts.length; k++) { // the leftmost, then the longest
                String token = addedTexts[k];
                if (next[k] == -2 || (next[k] >= 0 && next[k] < from)) {
                    next[k] = text.indexOf(token, from);
                }
                int i = next[k];
                if (i >= 0 && (at < 0 || i < at || (i == at && token.length() > found.length()))) {
                    at = i;
                    found = token;
                }
            }
            int end = at < 0 ? text.length() : at;
            words(text, from, end, ids, limit);
            if (found == null) {
                break;
            }
            if (ids.size() < limit) {
                ids.add(addedTokens.get(found));
            }
            from = at + found.length();
        }
        long[] out = new long[Math.min(ids.size(), limit) + 2];
        out[0] = cls;
        for (int i = 0; i < out.length - 2; i++) {
            out[i + 1] = ids.get(i);
        }
        out[out.length - 1] = sep;
        return out;
    }

    /** Normalises, splits and word-pieces {@code text[from, end)} into {@code ids}, stopping at {@code limit}. */
    private void words(String text, int from, int end, List<Integer> ids, int limit) {
        StringBuilder word = new StringBuilder();
        int i = from;
        while (i < end && ids.size() < limit) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            if (c == 0 || c == 0xFFFD || isControl(c)) {
                continue;
            }
            if (isWhitespace(c)) {
                wordPieces(word, ids, limit);
            } else if (isPunctuation(c) || isCjk(c)) {
                wordPieces(word, ids, limit);
                word.appendCodePoint(c);
                wordPieces(word, ids, limit);
            } else {
                word.appendCodePoint(c);
            }
        }
        wordPieces(word, ids, limit);
    }

    /** Adds the pieces of {@code word} (then empties it): longest vocabulary entries first, or one [UNK]. */
    private void wordPieces(StringBuilder word, List<Integer> ids, int limit) {
        if (word.length() == 0) {
            return;
        }
        String w = word.toString();
        word.setLength(0);
        if (w.codePointCount(0, w.length()) > maxWordLength) {
            ids.add(unknown);
            return;
        }
        int size = ids.size();
        int start = 0;
        while (start < w.length()) {
            Integer id = null;
            int end = w.length();
            while (end > start) {
                String piece = start == 0 ? w.substring(0, end) : continuation + w.substring(start, end);
                id = vocabulary.get(piece);
                if (id != null) {
                    break;
                }
                end -= Character.isLowSurrogate(w.charAt(end - 1)) && end - 2 >= start ? 2 : 1;
            }
            if (id == null) {
                while (ids.size() > size) {
                    ids.remove(ids.size() - 1);
                }
                ids.add(unknown);
                return;
            }
            ids.add(id);
            start = end;
        }
        while (ids.size() > limit) {
            ids.remove(ids.size() - 1);
        }
    }

    /**
     * Control, format, private-use or surrogate, but not tab, line feed or carriage return, nor the eleven format
     * characters that the Rust library's older Unicode tables do not know (U+08E2, U+110CD, U+13430–U+13438: it
     * keeps them, and they become [UNK]).
     */
    private static boolean isControl(int c) {
        if (c == '\t' || c == '\n' || c == '\r' || c == 0x08E2 || c == 0x110CD || (c >= 0x13430 && c <= 0x13438)) {
            return false;
        }
        int type = Character.getType(c);
        return type == Character.CONTROL || type == Character.FORMAT || type == Character.PRIVATE_USE
                || type == Character.SURROGATE;
    }

    /** The Unicode White_Space property (as Rust's {@code char::is_whitespace}). */
    private static boolean isWhitespace(int c) {
        return (c >= 0x09 && c <= 0x0D) || c == 0x20 || c == 0x85 || c == 0xA0 || c == 0x1680
                || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F
                || c == 0x3000;
    }

    /** ASCII punctuation (which includes $ + < = > ^ ` | ~) or a Unicode punctuation category. */
    private static boolean isPunctuation(int c) {
        if (c < 0x80) {
            return (c >= 0x21 && c <= 0x2F) || (c >= 0x3A && c <= 0x40) || (c >= 0x5B && c <= 0x60)
                    || (c >= 0x7B && c <= 0x7E);
        }
        int type = Character.getType(c);
        return type == Character.CONNECTOR_PUNCTUATION || type == Character.DASH_PUNCTUATION
                || type == Character.START_PUNCTUATION || type == Character.END_PUNCTUATION
                || type == Character.INITIAL_QUOTE_PUNCTUATION || type == Character.FINAL_QUOTE_PUNCTUATION
                || type == Character.OTHER_PUNCTUATION;
    }

    /** The CJK ideograph blocks that BERT surrounds with spaces. */
    private static boolean isCjk(int c) {
        return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x20000 && c <= 0x2A6DF)
                || (c >= 0x2A700 && c <= 0x2B73F) || (c >= 0x2B740 && c <= 0x2B81F) || (c >= 0x2B920 && c <= 0x2CEAF)
                || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x2F800 && c <= 0x2FA1F);
    }
}

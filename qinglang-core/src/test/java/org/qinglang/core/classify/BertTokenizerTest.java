package org.qinglang.core.classify;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import dev.langchain4j.model.embedding.onnx.bgesmallzhv15q.BgeSmallZhV15QuantizedEmbeddingModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.qinglang.core.text.Folding;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeout;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** {@link BertTokenizer} gives the ids of the native Hugging Face tokenizer (through DJL), which it replaced. */
class BertTokenizerTest {

    private static final String JSON = "/bge-small-zh-v1.5-q-tokenizer.json";

    private static BertTokenizer tokenizer;
    private static HuggingFaceTokenizer native64;
    private static HuggingFaceTokenizer nativeWhole;

    @BeforeAll
    static void load() throws IOException {
        tokenizer = BertTokenizer.read(json(), JSON);
        native64 = HuggingFaceTokenizer.newInstance(json(), Map.of("padding", "false", "truncation", "true",
                "maxLength", "64"));
        nativeWhole = HuggingFaceTokenizer.newInstance(json(), Map.of("padding", "false", "truncation", "false"));
    }

    @AfterAll
    static void close() {
        native64.close();
        nativeWhole.close();
    }

    private static InputStream json() {
        return BgeSmallZhV15QuantizedEmbeddingModel.class.getResourceAsStream(JSON);
    }

    @Test
    void cutsToMaxTokensWithClsAndSep() {
        long[] ids = tokenizer.encode("你好".repeat(100), 64);
        assertThat(ids).hasSize(64);
        assertThat(ids[0]).isEqualTo(101);
        assertThat(ids[63]).isEqualTo(102);
        assertThat(tokenizer.encode("", 64)).containsExactly(101, 102);
    }

    @Test
    void dropsLoneSurrogatesAsTheCleaningDoes() {
        assertThat(tokenizer.encode("a\uD800b\uDC00c \uDBFF好\uD83D\uDE00\uDE00", 64))
                .containsExactly(tokenizer.encode("abc 好\uD83D\uDE00", 64));
    }

    @Test
    void aLongTextFullOfAddedTokensTakesLinearTime() {
        // each added token found used to search the rest of the text again for every added token (some 7 s here)
        String text = "[CLS]".repeat(20_000) + "好".repeat(200_000);
        long[] ids = assertTimeout(Duration.ofSeconds(2), () -> tokenizer.encode(text, 1 << 15));
        assertThat(ids).hasSize(1 << 15);
        assertThat(ids[1]).isEqualTo(101);
        assertThat(ids[20_001]).isEqualTo(tokenizer.encode("好", 64)[1]);
    }

    @Test
    void sameIdsAsTheNativeTokenizerOnHardCases() {
        String longWord = "a".repeat(101);
        List<String> texts = List.of("你好，世界！", "hello world", "iPhone13ProMax真香", "[CLS]你[SEP]好[MASK][UNK]x[PAD]",
                "a[CLS", "Ｆｕｌｌ　ｗｉｄｔｈ", "tab\tnew\nline\rcr\u000bvt\u0085nel\u00a0nbsp", "零\u200b宽\u200d连接",
                "emoji 😀🥺👍🏻 #话题# @某人 https://t.cn/abc?x=1&y=2", "un##known ##", longWord, longWord + " 好",
                "𠀀𪚥 ideographs beyond the BMP", "Ünïcödé accents stay", "数字123,456.78和%符号$+<=>^`|~",
                "\ufffd\u0000控制", "我" + "们".repeat(70) + "[SEP]" + "的".repeat(10),
                "\uD86E\uDC20\uD86E\uDC21", "a\uD86E\uDC20", "\uD86E\uDD20b"); // U+2B820..: no CJK block for BERT
        for (String t : texts) {
            assertThat(tokenizer.encode(t, 64)).as(t).containsExactly(native64.encode(t).getIds());
            assertThat(tokenizer.encode(t, 1 << 20)).as(t).containsExactly(nativeWhole.encode(t).getIds());
        }
    }

    @Test
    void sameIdsAsTheNativeTokenizerOnEveryCodePoint() {
        List<Integer> differ = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        List<Integer> chunk = new ArrayList<>();
        for (int c = 1; c <= 0xE0FFF; c++) {
            if ((c >= 0xD800 && c <= 0xDFFF) || (c > 0x3FFFF && c < 0xE0000)) {
                continue; // lone surrogates are no text; planes 4–13 are unassigned
            }
            text.append(' ').appendCodePoint(c);
            chunk.add(c);
            if (chunk.size() == 400 || c == 0xE0FFF) {
                String t = text.toString();
                if (!Arrays.equals(tokenizer.encode(t, 1 << 20), nativeWhole.encode(t).getIds())) {
                    for (int one : chunk) {
                        String s = "a " + new String(Character.toChars(one)) + " b";
                        if (!Arrays.equals(tokenizer.encode(s, 1 << 20), nativeWhole.encode(s).getIds())) {
                            differ.add(one);
                        }
                    }
                }
                text.setLength(0);
                chunk.clear();
            }
        }
        assertThat(differ).as("code points tokenized differently (Java's Unicode tables against the Rust library's)")
                .isEmpty();
    }

    @Test
    void sameIdsAsTheNativeTokenizerOnColdDev() throws IOException {
        Path dev = Path.of(System.getProperty("qinglang.shared.data", "../../shared/data"), "cold", "dev.csv");
        assumeTrue(Files.isRegularFile(dev), "COLD is not at " + dev + " (set -Dqinglang.shared.data); skipped");
        int checked = 0;
        for (LabelledText t : LabelledCsv.read(dev)) {
            for (String text : List.of(t.text(), Folding.standard().foldString(t.text()))) {
                assertThat(tokenizer.encode(text, 64)).as(text).containsExactly(native64.encode(text).getIds());
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(12_000);
    }

    @Test
    void refusesATokenizerItDoesNotImplement() throws IOException {
        String json;
        try (InputStream in = json()) {
            json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String lower = json.replace("\"lowercase\": false", "\"lowercase\": true").replace("\"lowercase\":false",
                "\"lowercase\":true");
        assertThat(lower).isNotEqualTo(json);
        assertThatThrownBy(() -> BertTokenizer.read(new ByteArrayInputStream(lower.getBytes(StandardCharsets.UTF_8)),
                "t.json"))
                .isInstanceOf(IOException.class)
                .hasMessage("tokenizer t.json: normalizer.lowercase is not false; this tokenizer reads BERT WordPiece"
                        + " tokenizers without lower-casing only");
    }
}

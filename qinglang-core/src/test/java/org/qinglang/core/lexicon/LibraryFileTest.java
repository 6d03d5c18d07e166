package org.qinglang.core.lexicon;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class LibraryFileTest {

    private static LibraryFile.Result parse(String text) throws IOException {
        return LibraryFile.parse(new StringReader(text), "test.txt");
    }

    @Test
    void aPlainWordListIsALibrary() throws IOException {
        LibraryFile.Result r = parse("\uFEFF傻逼\n\n废物\n");
        assertThat(r.problems()).isEmpty();
        assertThat(r.entries()).extracting(Entry::term).containsExactly("傻逼", "废物");
        Entry e = r.entries().get(0);
        assertThat(e.category()).isEqualTo("custom");
        assertThat(e.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(e.channels()).containsExactlyInAnyOrder(Channel.EXACT, Channel.FOLDED, Channel.PINYIN);
    }

    @Test
    void readsTheFullFormat() throws IOException {
        LibraryFile.Result r = parse("""
                # comment
                [辱骂]
                傻逼 | severity=high | channels=+initials,+split | aliases=煞笔，傻哔 | note=常见人身攻击
                [色情]
                黄片 | exempt=三黄片 | category=低俗
                加微信 | channels=exact,alias | aliases=加vx
                """);
        assertThat(r.problems()).isEmpty();
        Entry sb = r.entries().get(0);
        assertThat(sb.category()).isEqualTo("辱骂");
        assertThat(sb.severity()).isEqualTo(Severity.HIGH);
        assertThat(sb.channels()).containsExactlyInAnyOrder(Channel.EXACT, Channel.FOLDED, Channel.PINYIN,
                Channel.INITIALS, Channel.SPLIT, Channel.ALIAS);
        assertThat(sb.aliases()).containsExactly("煞笔", "傻哔");
        assertThat(sb.note()).isEqualTo("常见人身攻击");
        Entry hp = r.entries().get(1);
        assertThat(hp.category()).isEqualTo("低俗");
        assertThat(hp.exemptions()).containsExactly("三黄片");
        assertThat(r.entries().get(2).channels()).isEqualTo(Set.of(Channel.EXACT, Channel.ALIAS));
    }

    @Test
    void reportsBadLinesByNumberAndKeepsTheRest() throws IOException {
        LibraryFile.Result r = parse("""
                好词
                坏词 | colour=red
                坏词2 | severity=extreme
                坏词3 | channels=+telepathy
                坏词4 | channels=pinyin,+split
                黄片 | exempt=黄色
                [unclosed
                 | severity=low
                最后
                """);
        assertThat(r.entries()).extracting(Entry::term).containsExactly("好词", "最后");
        assertThat(r.problems()).extracting(LibraryFile.Problem::line).containsExactly(2, 3, 4, 5, 6, 7, 8);
        assertThat(r.problems().get(0).message()).contains("unknown key 'colour'");
        assertThat(r.problems().get(1).message()).contains("unknown severity 'extreme'");
        assertThat(r.problems().get(2).message()).contains("unknown channel 'telepathy'");
        assertThat(r.problems().get(3).message()).contains("mixes");
        assertThat(r.problems().get(4).message()).contains("does not contain the term");
        assertThat(r.problems().get(0).toString()).startsWith("test.txt:2: ");
    }

    @Test
    void theExactChannelCannotBeSwitchedOff() throws IOException {
        LibraryFile.Result r = parse("词 | channels=-exact\n");
        assertThat(r.problems().get(0).message()).contains("cannot be switched off");
    }

    @Test
    void theAliasChannelCannotBeSwitchedOffButItsAliasesRemoved() throws IOException {
        LibraryFile.Result r = parse("加微信 | aliases=加vx | channels=-alias\n");
        assertThat(r.problems()).hasSize(1);
        assertThat(r.problems().get(0).message()).contains("remove the aliases");
    }

    @Test
    void aLaterDuplicateReplacesTheEarlierAndSaysSo() throws IOException {
        LibraryFile.Result r = parse("傻逼 | severity=low\n傻逼 | severity=high\n");
        assertThat(r.entries()).hasSize(1);
        assertThat(r.entries().get(0).severity()).isEqualTo(Severity.HIGH);
        assertThat(r.problems().get(0).message()).contains("replaces its entry from test.txt:1");
    }

    @Test
    void laterFilesOverrideEarlierOnes(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Path a = Files.writeString(dir.resolve("a.txt"), "[辱骂]\n傻逼 | severity=low\n废物\n");
        Path b = Files.writeString(dir.resolve("b.txt"), "傻逼 | severity=high\n");
        LibraryFile.Result r = LibraryFile.readAll(List.of(a.toString(), b.toString()));
        assertThat(r.entries()).extracting(Entry::term).containsExactly("废物", "傻逼");
        assertThat(r.entries().get(1).severity()).isEqualTo(Severity.HIGH);
    }

    @Test
    void theDefaultLibraryLoadsWithoutProblems() {
        LibraryFile.Result r = LibraryFile.defaultLibrary();
        assertThat(r.problems()).isEmpty();
        assertThat(r.entries()).hasSizeGreaterThan(100);
        assertThat(r.entries()).extracting(Entry::category).contains("辱骂", "网暴", "刷单", "引流");
    }
}

package org.qinglang.bench;

import com.github.houbb.sensitive.word.bs.SensitiveWordBs;
import com.hankcs.algorithm.AhoCorasickDoubleArrayTrie;

import java.util.List;
import java.util.TreeMap;

/** The peers, each built from the same plain word list as Qinglang, configured as the benchmarks say. */
public final class PeerMatchers {

    private PeerMatchers() {
    }

    /**
     * houbb/sensitive-word: the word list denied, nothing allowed; normalisations on (case, width, number
     * style, traditional Chinese, English style, repeated characters); word check on; number, e-mail, URL
     * and IPv4 checks off (they find things that are not in the word list).
     */
    public static SensitiveWordBs sensitiveWord(List<String> terms) {
        List<String> deny = List.copyOf(terms);
        return SensitiveWordBs.newInstance()
                .wordDeny(() -> deny)
                .wordAllow(List::of)
                .ignoreCase(true)
                .ignoreWidth(true)
                .ignoreNumStyle(true)
                .ignoreChineseStyle(true)
                .ignoreEnglishStyle(true)
                .ignoreRepeat(true)
                .enableWordCheck(true)
                .enableNumCheck(false)
                .enableEmailCheck(false)
                .enableUrlCheck(false)
                .enableIpv4Check(false)
                .init();
    }

    /** hankcs's Aho-Corasick double-array trie, each term mapped to itself; exact matching only. */
    public static AhoCorasickDoubleArrayTrie<String> acDoubleArrayTrie(List<String> terms) {
        TreeMap<String, String> map = new TreeMap<>();
        for (String t : terms) {
            map.put(t, t);
        }
        AhoCorasickDoubleArrayTrie<String> trie = new AhoCorasickDoubleArrayTrie<>();
        trie.build(map);
        return trie;
    }
}

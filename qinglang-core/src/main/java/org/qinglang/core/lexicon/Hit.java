package org.qinglang.core.lexicon;

/**
 * One place where a library entry was found in a text.
 *
 * @param term     the entry's term (not the matched text)
 * @param category the entry's category
 * @param severity the entry's severity
 * @param channel  how it was found
 * @param start    offset of the first matched char in the raw input, in UTF-16 units
 * @param end      offset just past the last matched char in the raw input
 * @param matched  the raw input between start and end, noise included
 */
public record Hit(String term, String category, Severity severity, Channel channel, int start, int end,
                  String matched) {
}

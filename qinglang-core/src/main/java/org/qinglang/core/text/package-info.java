/**
 * Text normalisation for matching: the folds that undo disguises (width, case, traditional to
 * simplified, look-alike and variant characters, invisible and noise characters), the phonetic view
 * (pinyin syllables with near-sound folding, Latin pinyin segmentation, initials), split-character
 * composition (拆字) and the ordinary-word list that vetoes fuzzy hits.
 *
 * <p>Everything here is built once, immutable and safe to share between threads. Folds are per code
 * point and never change offsets: whoever walks a text keeps the raw index of each character it consumes,
 * so every hit is reported in raw offsets.
 */
package org.qinglang.core.text;

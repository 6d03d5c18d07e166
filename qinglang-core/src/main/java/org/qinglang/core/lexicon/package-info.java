/**
 * The feature library (特征库): entries with category, severity, code words (暗语), exemptions and evasion
 * channels ({@link org.qinglang.core.lexicon.Entry}); the library file format
 * ({@link org.qinglang.core.lexicon.LibraryFile}); the compiled, immutable matcher
 * ({@link org.qinglang.core.lexicon.FeatureLibrary}) that reports every {@link org.qinglang.core.lexicon.Hit}
 * with its channel and raw offsets; an atomically swapped holder for reloads
 * ({@link org.qinglang.core.lexicon.LiveLibrary}); and the generator of likely evasions of a term
 * ({@link org.qinglang.core.lexicon.EvasionGenerator}).
 */
package org.qinglang.core.lexicon;

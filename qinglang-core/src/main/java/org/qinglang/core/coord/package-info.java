/**
 * Troll-army and manipulation algorithms (网络水军, 刷分, 刷评, 刷榜): pure functions from a batch or a stream
 * of {@link org.qinglang.core.coord.Action}s to {@link org.qinglang.core.coord.CoordinationFinding}s, each
 * with its members, targets, time span, score and the evidence a reviewer needs.
 *
 * <ul>
 *   <li>{@link org.qinglang.core.coord.NearDuplicateClusters}: copy-paste campaigns (复制粘贴式控评), MinHash-LSH on
 *       character shingles of the folded text, reported only when the copies concentrate on targets or in time
 *       beyond what chance gives the platform's own texts ({@link org.qinglang.core.coord.ChanceSpread});</li>
 *   <li>{@link org.qinglang.core.coord.SynchronisedActions}: accounts acting on the same targets in the same
 *       windows (同步行为), after SynchroTrap (CCS 2014);</li>
 *   <li>{@link org.qinglang.core.coord.Fraudar}: dense blocks on the account × target graph (稠密子图), greedy
 *       peeling with FRAUDAR's column weighting against camouflage (KDD 2016), and
 *       {@link org.qinglang.core.coord.IncrementalDenseBlock}, the same kept up to date edge by edge;</li>
 *   <li>{@link org.qinglang.core.coord.RaterFairness} (REV2, WSDM 2018) and
 *       {@link org.qinglang.core.coord.RatingManipulation}: unfair raters and rating bursts (刷分);</li>
 *   <li>{@link org.qinglang.core.coord.HotListManipulation}: a trending target carried by a group (刷榜);</li>
 *   <li>{@link org.qinglang.core.coord.ReturningGroups}: sanctioned groups back with new accounts (换马甲).</li>
 * </ul>
 * {@link org.qinglang.core.coord.CoordinationAnalyzer} runs them all over one batch. {@link org.qinglang.core.coord.CoordinationDetector}
 * runs it in the stream (a {@code core.stream} Detector over a sliding window; stream never depends on coord). Nothing here knows about
 * transport, threads or storage; the algorithms were written from the papers, no code was copied. See
 * docs/coordination.md.
 */
package org.qinglang.core.coord;

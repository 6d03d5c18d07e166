/**
 * Issue #6 (水军与操纵): the synthetic-but-grounded traffic generator ({@link org.qinglang.bench.coord.CoordinationTraffic}),
 * the quality evaluation against plain FRAUDAR ({@link org.qinglang.bench.coord.CoordinationEval}) and the
 * scale harness for peeling ({@link org.qinglang.bench.coord.PeelingScale}).
 */
package org.qinglang.bench.coord;

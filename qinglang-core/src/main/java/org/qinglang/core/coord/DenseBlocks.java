package org.qinglang.core.coord;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Dense blocks of accounts × targets as findings (稠密子图: 刷量/控评 groups): {@link Fraudar} on the graph of who
 * acted on what, then a test of each block that peeling returns, since peeling always returns something:
 * at least {@code minRows} accounts and {@code minCols} targets, a fill (edges inside over rows × columns)
 * of at least {@code minFill}, and an own share (edges inside over all edges of the block's targets) of at
 * least {@code minOwnShare}: the block carries its targets, rather than being heavy users on popular ones.
 *
 * @param peeler      the peeling settings
 * @param maxBlocks   blocks to peel, 1 or more
 * @param minRows     accounts in a reported block, 1 or more
 * @param minCols     targets in a reported block, 1 or more
 * @param minFill     fill of a reported block, 0 to 1
 * @param minOwnShare own share of a reported block, 0 to 1
 * @param types       the action types that make edges
 */
public record DenseBlocks(Fraudar peeler, int maxBlocks, int minRows, int minCols, double minFill,
                          double minOwnShare, Set<ActionType> types) {

    /** FRAUDAR's weighting, 5 blocks, at least 5 × 3, fill 0.5, own share 0.3; likes, reposts, comments, ratings, follows. */
    public static final DenseBlocks DEFAULTS = new DenseBlocks(Fraudar.PAPER, 5, 5, 3, 0.5, 0.3,
            EnumSet.of(ActionType.LIKE, ActionType.REPOST, ActionType.COMMENT, ActionType.RATING, ActionType.FOLLOW));

    public DenseBlocks {
        if (maxBlocks < 1 || minRows < 1 || minCols < 1) {
            throw new IllegalArgumentException("maxBlocks, minRows and minCols must be 1 or more, were " + maxBlocks
                    + ", " + minRows + ", " + minCols);
        }
        if (!(minFill >= 0 && minFill <= 1) || !(minOwnShare >= 0 && minOwnShare <= 1)) {
            throw new IllegalArgumentException("minFill and minOwnShare must be 0 to 1, were " + minFill + ", "
                    + minOwnShare);
        }
        types = Set.copyOf(types);
    }

    /** The account × target graph of {@code actions} with the names of its rows and columns. */
    public record Graph(BipartiteGraph graph, List<String> accounts, List<String> targets) {
    }

    /** Builds the account × target graph of the actions of {@code types}. */
    public Graph graph(List<Action> actions) {
        Ids rows = new Ids();
        Ids cols = new Ids();
        BipartiteGraph.Builder b = new BipartiteGraph.Builder();
        for (Action a : actions) {
            if (types.contains(a.type())) {
                b.add(rows.id(a.actor()), cols.id(a.target()));
            }
        }
        List<String> rn = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            rn.add(rows.name(i));
        }
        List<String> cn = new ArrayList<>(cols.size());
        for (int i = 0; i < cols.size(); i++) {
            cn.add(cols.name(i));
        }
        return new Graph(b.build(), rn, cn);
    }

    /** The dense blocks among {@code actions} that pass the tests. */
    public List<CoordinationFinding> find(List<Action> actions) {
        Graph g = graph(actions);
        List<CoordinationFinding> out = new ArrayList<>();
        int rank = 0;
        for (DenseBlock b : peeler.detect(g.graph(), maxBlocks)) {
            rank++;
            int[] rows = b.rows();
            int[] cols = b.cols();
            long colEdges = 0;
            for (int c : cols) {
                colEdges += g.graph().colDegree(c);
            }
            double own = colEdges == 0 ? 0 : (double) b.edges() / colEdges;
            if (rows.length < minRows || cols.length < minCols || b.fill() < minFill || own < minOwnShare) {
                continue;
            }
            List<String> members = new ArrayList<>();
            for (int r : rows) {
                members.add(g.accounts().get(r));
            }
            List<String> targets = new ArrayList<>();
            for (int c : cols) {
                targets.add(g.targets().get(c));
            }
            Set<String> ms = Set.copyOf(members);
            Set<String> ts = Set.copyOf(targets);
            long from = Long.MAX_VALUE;
            long to = Long.MIN_VALUE;
            for (Action a : actions) {
                if (types.contains(a.type()) && ms.contains(a.actor()) && ts.contains(a.target())) {
                    from = Math.min(from, a.ts());
                    to = Math.max(to, a.ts());
                }
            }
            Map<String, String> ev = new LinkedHashMap<>();
            ev.put("rank", Integer.toString(rank));
            ev.put("density", fmt(b.density()));
            ev.put("fill", fmt(b.fill()));
            ev.put("edgesInside", Long.toString(b.edges()));
            ev.put("ownShare", fmt(own));
            ev.put("columnWeighting", Boolean.toString(peeler.columnWeighting()));
            double score = Math.min(1, b.fill() * own * 2);
            out.add(new CoordinationFinding(FindingKind.DENSE_BLOCK, members, targets, from, to, score, ev));
        }
        return out;
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }
}

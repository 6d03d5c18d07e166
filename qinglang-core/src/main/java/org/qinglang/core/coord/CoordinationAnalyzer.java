package org.qinglang.core.coord;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs every coordination detector over one batch of actions (水军与操纵检测): copy-paste, synchronised
 * actions, dense blocks, rating manipulation, then hot-list manipulation on the groups the others found,
 * and returning groups against the sanctioned ones. Immutable and thread-safe; each call is independent.
 *
 * @param copyPaste   near-duplicate text clusters
 * @param synchronised synchronised actions
 * @param denseBlocks dense blocks
 * @param ratings     rating manipulation
 * @param hotList     hot-list manipulation
 * @param returning   returning groups
 */
public record CoordinationAnalyzer(NearDuplicateClusters copyPaste, SynchronisedActions synchronised,
                                   DenseBlocks denseBlocks, RatingManipulation ratings, HotListManipulation hotList,
                                   ReturningGroups returning) {

    /** Every detector with its defaults. */
    public static final CoordinationAnalyzer DEFAULTS = new CoordinationAnalyzer(NearDuplicateClusters.DEFAULTS,
            SynchronisedActions.DEFAULTS, DenseBlocks.DEFAULTS, RatingManipulation.DEFAULTS,
            HotListManipulation.DEFAULTS, ReturningGroups.DEFAULTS);

    /**
     * All findings of one batch.
     *
     * @param actions    the batch
     * @param sanctioned sanctioned groups (group id → accounts), for returning groups; may be empty
     * @param releases   item release times (epoch seconds), for ratings before release; may be empty
     * @param now        the end of the batch (epoch seconds), for the trending window
     */
    public List<CoordinationFinding> analyse(List<Action> actions, Map<String, Set<String>> sanctioned,
                                             Map<String, Long> releases, long now) {
        List<CoordinationFinding> out = new ArrayList<>();
        out.addAll(copyPaste.find(actions));
        out.addAll(synchronised.find(actions));
        out.addAll(denseBlocks.find(actions));
        out.addAll(ratings.find(actions, releases));
        List<CoordinationFinding> groups = List.copyOf(out);
        out.addAll(hotList.find(actions, groups, now));
        if (!sanctioned.isEmpty()) {
            out.addAll(returning.find(actions, sanctioned));
        }
        return out;
    }
}

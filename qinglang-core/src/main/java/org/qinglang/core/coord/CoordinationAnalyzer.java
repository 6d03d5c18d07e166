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
        return analyse(actions, sanctioned, releases, Map.of(), now);
    }

    /**
     * All findings of one batch, with the items' ratings from before it ({@link RatingManipulation#find(List, Map,
     * Map)}): a stream detector's window is one day, the same as the rating burst window, so without them every
     * item's busiest day would be its whole batch, with no baseline of its own.
     *
     * @param ratingHistory the ratings of items before the batch (item → history); may be empty
     */
    public List<CoordinationFinding> analyse(List<Action> actions, Map<String, Set<String>> sanctioned,
                                             Map<String, Long> releases,
                                             Map<String, RatingManipulation.History> ratingHistory, long now) {
        List<CoordinationFinding> out = new ArrayList<>();
        out.addAll(copyPaste.find(actions));
        out.addAll(synchronised.find(actions));
        out.addAll(denseBlocks.find(actions));
        out.addAll(ratings.find(actions, releases, ratingHistory));
        List<CoordinationFinding> groups = List.copyOf(out);
        out.addAll(hotList.find(actions, groups, now));
        if (!sanctioned.isEmpty()) {
            out.addAll(returning.find(actions, sanctioned));
        }
        return out;
    }
}

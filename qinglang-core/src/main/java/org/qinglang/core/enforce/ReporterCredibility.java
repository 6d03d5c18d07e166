package org.qinglang.core.enforce;

/**
 * How much a reporter's reports (举报) count: the expected share of their reports that are founded, under
 * a Beta prior. A reporter whose reports are repeatedly found unfounded counts for less; one bad report
 * does not silence anyone, and a newcomer starts near the prior.
 *
 * <p>credibility = (founded + {@code priorFounded}) / (founded + unfounded + {@code priorFounded} +
 * {@code priorUnfounded}). The default prior Beta(3, 1) gives a newcomer 0.75 (most reports are made in
 * good faith), after 10 unfounded and no founded reports 3/14 ≈ 0.21, after 10 founded and none unfounded
 * 13/14 ≈ 0.93. It never reaches 0: a reporter is never ignored outright, because the one true report of
 * someone who was often wrong may be the one that matters.
 *
 * @param priorFounded   the prior's founded count (α), above 0
 * @param priorUnfounded the prior's unfounded count (β), above 0
 */
public record ReporterCredibility(double priorFounded, double priorUnfounded) {

    /** The default prior: α = 3, β = 1. */
    public static final ReporterCredibility DEFAULT = new ReporterCredibility(3, 1);

    public ReporterCredibility {
        if (!(priorFounded > 0 && priorFounded <= 1000 && priorUnfounded > 0 && priorUnfounded <= 1000)) {
            throw new IllegalArgumentException("the prior counts must be in (0, 1000], were founded "
                    + priorFounded + ", unfounded " + priorUnfounded);
        }
    }

    /**
     * The credibility, in (0, 1), of a reporter with {@code founded} reports found founded and
     * {@code unfounded} found unfounded (reports still open count as neither).
     */
    public double of(long founded, long unfounded) {
        if (founded < 0 || unfounded < 0) {
            throw new IllegalArgumentException("report counts must be 0 or more, were founded " + founded
                    + ", unfounded " + unfounded);
        }
        return (founded + priorFounded) / (founded + unfounded + priorFounded + priorUnfounded);
    }
}

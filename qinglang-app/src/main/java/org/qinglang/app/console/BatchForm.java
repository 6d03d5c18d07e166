package org.qinglang.app.console;

import org.qinglang.app.api.FieldError;
import org.qinglang.app.api.InvalidField;
import org.qinglang.app.api.JsonFields;
import org.qinglang.app.api.Msg;
import org.qinglang.app.cases.Cases;
import org.qinglang.app.sanctions.Decisions;
import org.qinglang.core.enforce.OffenceSeverity;
import org.qinglang.core.enforce.OffenderRole;
import org.qinglang.core.enforce.ReportCategory;
import org.qinglang.core.enforce.StatementOfReasons;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The case page's batch decision form (批量处置) as posted: the offence (severity, category), the ground and facts
 * shared by everyone, and for each participant of the case its account (a hidden field) and its role in the
 * pile-on, or {@value #SKIP} to leave it out. Read into what {@code POST /console/api/cases/{id}/batch-decide}
 * reads from JSON, with the same field names and limits in its errors ({@code subjects[2].role}, {@code facts} …);
 * unlike the JSON, an account must be a participant of the case (the form decides for the case's own accounts).
 *
 * @param account the accounts, one per participant row, in the rows' order
 * @param role    the role of each row's account, a core id ({@code first-poster} …), an alert's name
 *                ({@code first} …) or {@value #SKIP}
 */
record BatchForm(String severity, String category, List<String> account, List<String> role, String groundKind,
                 String groundReference, String groundExplanation, String facts) {

    /** The role choice that leaves an account out of the batch. */
    static final String SKIP = "skip";
    /** At most this many accounts a batch, as the JSON endpoint. */
    static final int MAX_SUBJECTS = 1000;

    /** An empty form with the case's severity preselected (the rows come from the case's participants). */
    static BatchForm defaults(OffenceSeverity severity) {
        return new BatchForm(severity.id(), "", List.of(), List.of(), "terms", "", "", "");
    }

    OffenceSeverity offenceSeverity() {
        return DecideForm.required(severity, "severity", OffenceSeverity::fromId, "minor, moderate, serious, grave");
    }

    Optional<ReportCategory> offenceCategory() {
        return DecideForm.category(category);
    }

    StatementOfReasons.Ground ground() {
        return DecideForm.ground(groundKind, groundReference, groundExplanation);
    }

    String factsText() {
        return JsonFields.formText(facts, "facts", DecideForm.FACTS, true);
    }

    /**
     * The accounts to decide for and their roles, in the rows' order; throws {@link InvalidField} naming the row
     * at fault: an account that is not one of {@code participants}, one posted twice, a role not known, rows whose
     * accounts and roles do not pair up, or none left after the skipped ones.
     */
    List<Decisions.Subject> subjects(List<Cases.Participant> participants) {
        List<String> accounts = account == null ? List.of() : account;
        List<String> roles = role == null ? List.of() : role;
        if (accounts.size() != roles.size()) {
            throw new InvalidField(FieldError.badValue("subjects", "每个账号须有且只有一个角色",
                    "each account needs exactly one role"));
        }
        if (accounts.size() > MAX_SUBJECTS) {
            throw new InvalidField(new FieldError("too_many", "subjects", OptionalLong.of(MAX_SUBJECTS),
                    new Msg("subjects 超过上限 " + MAX_SUBJECTS + " 个", "subjects is over the limit of " + MAX_SUBJECTS)));
        }
        Set<String> ofCase = participants.stream().map(Cases.Participant::account).collect(Collectors.toSet());
        Set<String> seen = new HashSet<>();
        String allowed = Arrays.stream(OffenderRole.values()).map(OffenderRole::id).collect(Collectors.joining(", "))
                + ", " + SKIP;
        List<Decisions.Subject> out = new ArrayList<>();
        for (int i = 0; i < accounts.size(); i++) {
            String a = accounts.get(i) == null ? "" : accounts.get(i);
            String field = "subjects[" + i + "].";
            if (!ofCase.contains(a)) {
                throw new InvalidField(FieldError.badValue(field + "account", "不是本案的参与账号",
                        "is not a participant of this case"));
            }
            Decisions.once(seen, a, field + "account");
            String r = roles.get(i) == null ? "" : roles.get(i).strip();
            if (r.equals(SKIP)) {
                continue;
            }
            out.add(new Decisions.Subject(a, DecideForm.required(r, field + "role", Decisions::role, allowed)));
        }
        if (out.isEmpty()) {
            throw new InvalidField(FieldError.missing("subjects"));
        }
        return out;
    }
}

package org.qinglang.core.enforce;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The answer a reporter gets (举报反馈): whether their report led to action. It says what happened to the
 * content, which everyone can see anyway, but not how the account was restricted: that is between the
 * platform and the account holder.
 *
 * @param category   the category of the report
 * @param reportedAt when the report was made
 * @param action     what was done, or empty if no violation was found
 */
public record ReportFeedback(ReportCategory category, Instant reportedAt, Optional<SanctionAction> action) {

    public ReportFeedback {
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(reportedAt, "reportedAt");
        Objects.requireNonNull(action, "action");
    }

    /** The feedback on {@code report} when its case was decided with {@code sanction} (empty: no violation). */
    public static ReportFeedback of(CaseSignal.Report report, Optional<Sanction> sanction) {
        return new ReportFeedback(report.category(), report.at(), sanction.map(Sanction::action));
    }

    /** True if founded: the report counts as founded for the reporter's credibility. */
    public boolean founded() {
        return action.isPresent();
    }

    /** The feedback as a short text, Chinese or (for an English locale) English, with the time in {@code zone}. */
    public String render(Locale locale, ZoneId zone) {
        boolean en = Texts.english(locale);
        String when = Texts.when(reportedAt, zone);
        String head = en ? "Your report of " + when + " (" + category.en() + "): "
                : "你于" + when + "提交的举报（" + category.zh() + "）：";
        if (action.isEmpty()) {
            return head + (en ? "we checked and found no violation. If you have new evidence, you can report again."
                    : "经核查，未发现违规。如有新的证据，可以再次举报。");
        }
        SanctionAction a = action.get();
        String done;
        if (a == SanctionAction.FOLD_CONTENT || a == SanctionAction.REMOVE_CONTENT) {
            done = en ? "the content has been " + (a == SanctionAction.FOLD_CONTENT ? "folded" : "removed") + "."
                    : "相关内容已" + (a == SanctionAction.FOLD_CONTENT ? "折叠" : "删除") + "。";
        } else {
            done = en ? "the account has been dealt with under the platform's rules."
                    : "已依规处置相关账号。";
        }
        return head + done + (en ? " Thank you for reporting." : "感谢你的举报。");
    }
}

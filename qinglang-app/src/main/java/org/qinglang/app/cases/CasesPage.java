package org.qinglang.app.cases;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.servlet.support.RequestContextUtils;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** The console's review queue page (审核队列), read-only, for any staff role; every value is shown escaped. */
@Controller
class CasesPage {

    /** One row of the page, as text. */
    record Row(long id, String category, String target, String severity, String due, boolean overdue, String status,
               String claimedBy, boolean minor) {
    }

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(WorkflowPolicy.ZONE);

    private final Cases cases;
    private final WorkflowPolicy policy;

    CasesPage(Cases cases, WorkflowPolicy policy) {
        this.cases = cases;
        this.policy = policy;
    }

    @GetMapping("/console/cases")
    String queue(Model model, HttpServletRequest request) {
        Locale locale = RequestContextUtils.getLocale(request);
        Instant now = policy.clock().instant();
        List<Row> rows = cases.queue(200).stream().map(c -> new Row(c.id(), c.category().label(locale), c.target(),
                c.severity().label(locale), TIME.format(c.due()), now.isAfter(c.due()), c.status(),
                c.claimedBy().orElse(""), c.targetIsMinor())).toList();
        model.addAttribute("rows", rows);
        return "cases";
    }
}

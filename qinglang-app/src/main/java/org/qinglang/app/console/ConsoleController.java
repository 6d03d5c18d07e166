package org.qinglang.app.console;

import org.qinglang.app.cases.WorkflowPolicy;
import org.qinglang.app.security.ApiKeys;
import org.qinglang.app.security.Callers;
import org.qinglang.app.security.Scope;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** The console's pages: login, home, and the admin's API keys. */
@Controller
class ConsoleController {

    private final JdbcClient db;
    private final ApiKeys keys;

    ConsoleController(JdbcClient db, ApiKeys keys) {
        this.db = db;
        this.keys = keys;
    }

    @GetMapping("/")
    String root() {
        return "redirect:/console";
    }

    @GetMapping("/login")
    String login() {
        return "login";
    }

    @GetMapping("/console")
    String home(Model model, Authentication auth) {
        model.addAttribute("user", auth.getName());
        model.addAttribute("role", auth.getAuthorities().iterator().next().getAuthority().substring(5)
                .toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        model.addAttribute("events", db.sql("select count(*) from event").query(Long.class).single());
        model.addAttribute("flagged", db.sql("select count(*) from event where suggestion in ('review', 'block')")
                .query(Long.class).single());
        model.addAttribute("auditRows", db.sql("select seq from audit_head where id = 1").query(Long.class).single());
        model.addAttribute("recent", db.sql("select id, type, actor, text, suggestion from event "
                        + "where suggestion in ('review', 'block') order by received_at desc limit 20")
                .query((rs, n) -> new Recent(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5))).list());
        return "home";
    }

    /** A recent flagged event as the home page lists it. */
    record Recent(String id, String type, String actor, String text, String suggestion) {
    }

    @GetMapping("/console/admin/keys")
    String keys(Model model) {
        model.addAttribute("keys", keys.list());
        model.addAttribute("scopes", Scope.values());
        model.addAttribute("time", WorkflowPolicy.CONSOLE_TIME);
        return "keys";
    }

    @PostMapping("/console/admin/keys")
    String createKey(@RequestParam("name") String name, @RequestParam(name = "scopes", required = false) List<String> scopes, Model model,
                     Authentication auth) {
        try {
            Set<Scope> chosen = scopes == null ? EnumSet.noneOf(Scope.class) : ApiKeys.parseScopes(scopes);
            ApiKeys.Created c = keys.create(name.strip(), chosen, Callers.who(auth));
            model.addAttribute("created", c.secret());
            model.addAttribute("createdName", c.key().name());
        } catch (IllegalArgumentException e) {
            model.addAttribute("error", e.getMessage());
        }
        return keys(model);
    }
}

package org.qinglang.app.evidence;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.servlet.support.RequestContextUtils;

import java.nio.charset.StandardCharsets;

/**
 * A bundle's readable page in the console ({@code /console/evidence/{id}}, any staff role): the same page as
 * {@code /api/v1/evidence/{id}.html}, for reviewers, who have a session rather than an API key. Read-only.
 */
@Controller
class EvidenceConsolePage {

    private final EvidenceCapture capture;
    private final EvidencePage page;

    EvidenceConsolePage(EvidenceCapture capture, EvidencePage page) {
        this.capture = capture;
        this.page = page;
    }

    @GetMapping("/console/evidence/{id}")
    ResponseEntity<byte[]> show(@PathVariable("id") String id, HttpServletRequest request) {
        MediaType html = new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8);
        if (!id.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(html)
                    .body("没有该取证包 / no such evidence bundle".getBytes(StandardCharsets.UTF_8));
        }
        return capture.find(id)
                .map(b -> ResponseEntity.ok().contentType(html)
                        .body(page.render(b, RequestContextUtils.getLocale(request)).getBytes(StandardCharsets.UTF_8)))
                .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(html)
                        .body("没有该取证包 / no such evidence bundle".getBytes(StandardCharsets.UTF_8)));
    }
}

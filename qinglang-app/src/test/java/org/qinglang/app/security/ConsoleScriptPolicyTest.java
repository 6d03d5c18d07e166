package org.qinglang.app.security;

import org.junit.jupiter.api.Test;
import org.qinglang.app.server.WebTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * The console runs no inline script: its pages' policy allows scripts from its own files only, and no template
 * carries an inline script or an event-handler attribute that the policy would block (or that an injected one
 * could hide among).
 */
@WebTest
class ConsoleScriptPolicyTest {

    private static final Pattern INLINE_SCRIPT = Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>", Pattern.CASE_INSENSITIVE);
    private static final Pattern HANDLER = Pattern.compile("\\s(?:th:)?on[a-z]+\\s*=", Pattern.CASE_INSENSITIVE);

    @Autowired
    MockMvc mvc;

    @Test
    void scriptsComeFromTheConsolesOwnFilesOnly() throws Exception {
        String policy = mvc.perform(get("/login")).andReturn().getResponse().getHeader("Content-Security-Policy");
        assertThat(policy).contains("script-src 'self'").doesNotContainPattern("script-src[^;]*unsafe");
    }

    @Test
    void noTemplateHasAnInlineScriptOrAnEventHandler() throws IOException {
        Path templates = Path.of("src/main/resources/templates");
        List<Path> files;
        try (Stream<Path> s = Files.walk(templates)) {
            files = s.filter(p -> p.toString().endsWith(".html")).toList();
        }
        assertThat(files).isNotEmpty();
        for (Path f : files) {
            String html = Files.readString(f);
            assertThat(INLINE_SCRIPT.matcher(html).find()).as("inline <script> in %s", f).isFalse();
            assertThat(HANDLER.matcher(html).find()).as("event-handler attribute in %s", f).isFalse();
        }
    }
}

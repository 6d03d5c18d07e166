package org.qinglang.app.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.qinglang.app.security.ApiKeys;
import org.qinglang.app.security.Scope;
import org.qinglang.app.server.WebTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Evidence over HTTP: capture, the JSON that verifies with the published key, the page with every text escaped. */
@WebTest
class EvidenceApiTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    ApiKeys keys;
    @Autowired
    JdbcClient jdbc;

    @Test
    void captureDownloadVerifyAndReadThePage() throws Exception {
        String protect = keys.create("evidence test", Set.of(Scope.PROTECT), "test").secret();
        Instant t = Instant.parse("2026-11-22T02:00:00Z");
        EvidenceCaptureTest.event(jdbc, "ev-api-1", "comment", t, "u-<b>77</b>", "ev-victim",
                "<script>alert('x')</script> 你真恶心", "block");
        EvidenceCaptureTest.event(jdbc, "ev-api-2", "dm", t.plusSeconds(5), "u-78", "ev-victim", "滚出网络 & \"quote\"",
                "review");

        MvcResult created = mvc.perform(post("/api/v1/evidence/ev-victim").header("X-Api-Key", protect))
                .andExpect(status().isCreated()).andExpect(jsonPath("$.itemCount").value(2))
                .andExpect(jsonPath("$.algorithm").value("Ed25519")).andReturn();
        JsonNode c = new ObjectMapper().readTree(created.getResponse().getContentAsString());
        String id = c.path("id").asText();

        String pem = mvc.perform(get("/api/v1/evidence/public-key")).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        PublicKey pub = EvidenceKey.readPublicPem(pem);
        MvcResult doc = mvc.perform(get("/api/v1/evidence/" + id).header("X-Api-Key", protect))
                .andExpect(status().isOk()).andExpect(header().string("X-Evidence-SHA256", c.path("sha256").asText()))
                .andReturn();
        byte[] bytes = doc.getResponse().getContentAsByteArray();
        byte[] sig = mvc.perform(get("/api/v1/evidence/" + id + "?format=sig").header("X-Api-Key", protect))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        assertThat(sig).hasSize(64).isEqualTo(Base64.getDecoder().decode(c.path("signature").asText()));
        assertThat(EvidenceKey.verify(pub, bytes, sig)).isTrue();
        bytes[bytes.length / 2] ^= 1;
        assertThat(EvidenceKey.verify(pub, bytes, sig)).isFalse();

        for (String url : new String[]{"/api/v1/evidence/" + id + ".html", "/api/v1/evidence/" + id + "?format=html"}) {
            String html = new String(mvc.perform(get(url).header("X-Api-Key", protect))
                    .andExpect(status().isOk()).andExpect(header().exists("Content-Security-Policy"))
                    .andReturn().getResponse().getContentAsByteArray(), StandardCharsets.UTF_8);
            assertThat(html).contains("网络暴力取证包").contains("ev-victim").contains(c.path("sha256").asText())
                    .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; 你真恶心")
                    .contains("u-&lt;b&gt;77&lt;/b&gt;").contains("滚出网络 &amp; &quot;quote&quot;")
                    .doesNotContain("<script>").doesNotContain("<b>77");
        }

        // the page shows what was signed: the row beside the document cannot change what it says
        jdbc.sql("update evidence_bundle set account = ?, captured_by = ?, item_count = ? where id = ?")
                .params("someone-else", "forged", 99, id).update();
        String page = new String(mvc.perform(get("/api/v1/evidence/" + id + ".html").header("X-Api-Key", protect))
                .andReturn().getResponse().getContentAsByteArray(), StandardCharsets.UTF_8);
        assertThat(page).contains("<dd>ev-victim</dd>").contains("<dd>2</dd>").doesNotContain("someone-else")
                .doesNotContain("forged").doesNotContain("<dd>99</dd>");
    }

    @Test
    void refusalsAndWhoMayCall() throws Exception {
        String protect = keys.create("evidence refusals", Set.of(Scope.PROTECT), "test").secret();
        String ingest = keys.create("evidence ingest", Set.of(Scope.INGEST), "test").secret();
        mvc.perform(post("/api/v1/evidence/ev-x").header("X-Api-Key", ingest)).andExpect(status().isForbidden());
        mvc.perform(post("/api/v1/evidence/ev-x")).andExpect(status().isUnauthorized());
        mvc.perform(get("/api/v1/evidence/00000000-0000-0000-0000-000000000000").header("X-Api-Key", protect))
                .andExpect(status().isNotFound()).andExpect(jsonPath("$.code").value("not_found"));
        mvc.perform(post("/api/v1/evidence/ev-x").header("X-Api-Key", protect).contentType(MediaType.APPLICATION_JSON)
                .content("{\"from\":\"yesterday\"}")).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("from"));
        mvc.perform(post("/api/v1/evidence/ev-x").header("X-Api-Key", protect).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"from\":\"2026-11-22T10:00:00+08:00\",\"to\":\"2026-11-21T10:00:00+08:00\"}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("to"));
        mvc.perform(post("/api/v1/evidence/ev-x").header("X-Api-Key", protect).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"from\":\"-999999999-01-01T00:00:00+08:00\"}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("from"));
        mvc.perform(post("/api/v1/evidence/ev-x").header("X-Api-Key", protect).contentType(MediaType.APPLICATION_JSON)
                .content("{\"until\":1}")).andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("until"));
        mvc.perform(post("/api/v1/evidence/ev-x").header("X-Api-Key", protect))
                .andExpect(status().isCreated()).andExpect(jsonPath("$.itemCount").value(0));
    }
}

package org.qinglang.app.protection;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.qinglang.app.security.ApiKeys;
import org.qinglang.app.security.Scope;
import org.qinglang.app.server.WebTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import java.util.Set;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The protection endpoints over HTTP: who may call them, the one click, decisions, and refusals naming the field. */
@WebTest
class ProtectionApiTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    ApiKeys keys;

    private String protect;
    private String ingest;

    @BeforeEach
    void keys() {
        protect = keys.create("protection test", Set.of(Scope.PROTECT), "test").secret();
        ingest = keys.create("ingest only", Set.of(Scope.INGEST), "test").secret();
    }

    @Test
    void theOneClickHoldsStrangersCommentsAndRefusesTheirDmsUntilTurnedOff() throws Exception {
        mvc.perform(put("/api/v1/protection/api-u1").header("X-Api-Key", protect)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"on\":true}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.on").value(true)).andExpect(jsonPath("$.active").value(true))
                .andExpect(jsonPath("$.audience").value("strangers")).andExpect(jsonPath("$.period").value("7d"))
                .andExpect(jsonPath("$.treat.comment").value("hold")).andExpect(jsonPath("$.treat.dm").value("deny"))
                .andExpect(jsonPath("$.endsAt").exists()).andExpect(jsonPath("$.remindAt").exists());
        mvc.perform(get("/api/v1/protection/api-u1").header("X-Api-Key", protect))
                .andExpect(status().isOk()).andExpect(jsonPath("$.period").value("7d"));
        decide("api-u1", "action=comment&relation=stranger", "hold");
        decide("api-u1", "action=dm", "deny");
        decide("api-u1", "action=dm&relation=new-follower", "deny");
        decide("api-u1", "action=dm&relation=mutual", "allow");
        decide("api-u1", "action=dm&actor=api-u1&relation=stranger", "allow");
        decide("someone-else", "action=dm", "allow");

        mvc.perform(put("/api/v1/protection/api-u1").header("X-Api-Key", protect)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"on\":false}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.on").value(false))
                .andExpect(jsonPath("$.endsAt").doesNotExist());
        decide("api-u1", "action=dm", "allow");
    }

    @Test
    void everyoneButMutualFollowsUntilOffWithOwnTreatments() throws Exception {
        mvc.perform(put("/api/v1/protection/api-u2").header("X-Api-Key", protect)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"on\":true,\"audience\":\"all-but-mutual\",\"period\":\"until-off\","
                                + "\"treat\":{\"comment\":\"deny\",\"repost\":\"allow\"}}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.endsAt").doesNotExist())
                .andExpect(jsonPath("$.remindAt").exists());
        decide("api-u2", "action=comment&relation=follower", "deny");
        decide("api-u2", "action=repost&relation=follower", "allow");
        decide("api-u2", "action=mention&relation=follower", "deny");
        decide("api-u2", "action=comment&relation=mutual", "allow");
    }

    @Test
    void badInputIsRefusedNamingTheField() throws Exception {
        putBad("{\"on\":true,\"period\":\"5d\"}", "period", "3d, 7d, 30d, until-off");
        putBad("{\"on\":true,\"audience\":\"friends\"}", "audience", "all-but-mutual");
        putBad("{\"on\":true,\"treat\":{\"like\":\"deny\"}}", "treat", "comment, dm, repost, mention");
        putBad("{\"on\":true,\"treat\":{\"dm\":\"block\"}}", "treat.dm", "allow, hold, deny");
        putBad("{\"on\":\"yes\"}", "on", "");
        putBad("{}", "on", "");
        putBad("{\"on\":false,\"period\":\"7d\"}", "period", "");
        putBad("{\"on\":true,\"colour\":1}", "colour", "");
        putBad("[", "", "");
        mvc.perform(get("/api/v1/protection/api-u3/decide?relation=stranger").header("X-Api-Key", protect))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("action"));
        mvc.perform(get("/api/v1/protection/api-u3/decide?action=dm&relation=enemy").header("X-Api-Key", protect))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("relation"));
        mvc.perform(get("/api/v1/protection/" + "a".repeat(129)).header("X-Api-Key", protect))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("account"))
                .andExpect(jsonPath("$.limit").value(128));
    }

    @Test
    void onlyKeysWithTheProtectScopeMayCall() throws Exception {
        mvc.perform(get("/api/v1/protection/api-u4")).andExpect(status().isUnauthorized());
        mvc.perform(get("/api/v1/protection/api-u4").header("X-Api-Key", ingest)).andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/protection/api-u4/decide?action=dm").header("X-Api-Key", ingest))
                .andExpect(status().isForbidden());
        mvc.perform(put("/api/v1/protection/api-u4").header("X-Api-Key", ingest)
                .contentType(MediaType.APPLICATION_JSON).content("{\"on\":true}")).andExpect(status().isForbidden());
    }

    private void decide(String account, String query, String expected) throws Exception {
        mvc.perform(get("/api/v1/protection/" + account + "/decide?" + query).header("X-Api-Key", protect))
                .andExpect(status().isOk()).andExpect(jsonPath("$.decision").value(expected));
    }

    private void putBad(String body, String field, String detailPart) throws Exception {
        var r = mvc.perform(put("/api/v1/protection/api-u3").header("X-Api-Key", protect).header("Accept-Language", "en")
                        .contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.detail", containsString(detailPart)));
        if (!field.isEmpty()) {
            r.andExpect(jsonPath("$.field").value(field));
        }
    }
}

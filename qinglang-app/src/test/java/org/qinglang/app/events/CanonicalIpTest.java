package org.qinglang.app.events;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CanonicalIpTest {

    @Test
    void oneNetworkHasOneSpellingAndANameIsNeverLookedUp() {
        assertThat(EventBatchParser.canonicalIp("2001:DB8::1")).isEqualTo(EventBatchParser.canonicalIp("2001:db8:0::1"));
        assertThat(EventBatchParser.canonicalIp(" 203.0.113.0/24 ")).isEqualTo("203.0.113.0/24");
        assertThat(EventBatchParser.canonicalIp("203.000.113.007")).isEqualTo("203.0.113.7");
        assertThat(EventBatchParser.canonicalIp("2001:db8::/32")).isEqualTo("2001:db8:0:0:0:0:0:0/32");
        assertThat(EventBatchParser.canonicalIp("a.b.c.d")).isEqualTo("a.b.c.d"); // not an address: as given
        assertThat(EventBatchParser.canonicalIp("Net-7")).isEqualTo("net-7");
    }
}

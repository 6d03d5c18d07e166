package org.qinglang.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.qinglang.core.lexicon.Hit;

import java.util.List;

/** Hits as JSON, with the field names of ARCHITECTURE.md: term, category, severity, channel, start, end, matched. */
final class HitJson {

    private HitJson() {
    }

    static ArrayNode toJson(ObjectMapper json, List<Hit> hits) {
        ArrayNode out = json.createArrayNode();
        for (Hit h : hits) {
            ObjectNode o = out.addObject();
            o.put("term", h.term());
            o.put("category", h.category());
            o.put("severity", h.severity().id());
            o.put("channel", h.channel().id());
            o.put("start", h.start());
            o.put("end", h.end());
            o.put("matched", h.matched());
        }
        return out;
    }
}

package org.qinglang.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.qinglang.core.stream.Event;
import org.qinglang.core.stream.EventCodec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The CHNCI incidents ({@code chnci/}: evaluation only, never copied into the repository): each file one
 * trending incident, its comments in time order as bare lines {@code {"ts","platform","text"}}, read as
 * comment events on one target named after the file; {@code incidents.json} says which are cyberbullying.
 */
public final class ChnciIncidents {

    /**
     * One incident.
     *
     * @param file          the file name ({@code 0272f4d55f.jsonl}); its stem is the target account
     * @param name          the incident's title
     * @param cyberbullying whether it is a cyberbullying incident
     * @param events        its comments in file (time) order
     * @param busiestHour   the start of the clock hour with the most of the incident's comments (the earliest of
     *                      equals): of the whole incident, also once it is thinned, since a sample's busiest hour is
     *                      the sample's noise, not the incident's peak
     */
    public record Incident(String file, String name, boolean cyberbullying, List<Event> events, Instant busiestHour) {
        public Incident {
            events = List.copyOf(events);
        }

        /** The incident of all of {@code events}, its busiest hour theirs. */
        public Incident(String file, String name, boolean cyberbullying, List<Event> events) {
            this(file, name, cyberbullying, events, busiestHourOf(events));
        }

        private static Instant busiestHourOf(List<Event> events) {
            Map<Long, Integer> perHour = new HashMap<>();
            for (Event e : events) {
                perHour.merge(Math.floorDiv(e.ts().getEpochSecond(), 3600), 1, Integer::sum);
            }
            long best = perHour.entrySet().stream()
                    .max(Comparator.<Map.Entry<Long, Integer>>comparingInt(Map.Entry::getValue)
                            .thenComparing(Map.Entry::getKey, Comparator.reverseOrder()))
                    .orElseThrow().getKey();
            return Instant.ofEpochSecond(best * 3600);
        }

        /** The target account of its comments. */
        public String target() {
            return file.replace(".jsonl", "");
        }

        /**
         * The incident with only {@code n} of its comments, chosen at random with {@code seed} and kept in time
         * order; the incident itself if it has {@code n} or fewer.
         */
        public Incident thinned(int n, long seed) {
            if (events.size() <= n) {
                return this;
            }
            List<Integer> idx = new ArrayList<>();
            for (int i = 0; i < events.size(); i++) {
                idx.add(i);
            }
            java.util.Collections.shuffle(idx, new Random(seed ^ file.hashCode()));
            List<Integer> keep = new ArrayList<>(idx.subList(0, n));
            keep.sort(Comparator.naturalOrder());
            return new Incident(file, name, cyberbullying, keep.stream().map(events::get).toList(), busiestHour);
        }
    }

    private ChnciIncidents() {
    }

    /** The incidents under {@code dataDir/chnci}, in the order of {@code incidents.json}. */
    public static List<Incident> load(Path dataDir) {
        Path dir = dataDir.resolve("chnci");
        ObjectMapper json = new ObjectMapper();
        EventCodec codec = new EventCodec();
        try {
            JsonNode index = json.readTree(DataDir.file(dataDir, "chnci/incidents.json").toFile());
            List<Incident> out = new ArrayList<>();
            for (JsonNode i : index) {
                String file = i.get("file").asText();
                String target = file.replace(".jsonl", "");
                List<Event> events = new ArrayList<>();
                int lineNo = 0;
                for (String line : Files.readAllLines(DataDir.file(dataDir, "chnci/" + file), StandardCharsets.UTF_8)) {
                    lineNo++;
                    if (!line.isBlank()) {
                        events.add(codec.readBareComment(json.readTree(line), target + "-" + lineNo, target));
                    }
                }
                out.add(new Incident(file, i.get("incident").asText(), i.get("cyberbullying").asBoolean(), events));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir + ": " + e.getMessage(), e);
        }
    }
}

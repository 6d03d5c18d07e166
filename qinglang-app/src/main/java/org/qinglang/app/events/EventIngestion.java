package org.qinglang.app.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.qinglang.app.check.VerdictView;
import org.qinglang.app.server.Databases;
import org.qinglang.core.verdict.Moderator;
import org.qinglang.core.verdict.Verdict;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Takes a parsed batch in (事件入库): verdicts for the events with text, then one transaction for the whole
 * batch, then the hand-off to the detectors. When {@link #ingest} returns, every event it counts as accepted
 * is committed; if it throws, none of the batch is.
 *
 * <p>On the embedded H2 the batches' transactions run one at a time (the verdicts before them still run side by
 * side): H2's MVStore lets concurrent writers to the same table race on each B-tree's root and retry, and with
 * four connections sending batches that cost a quarter to a third more CPU per batch than one writer after
 * another (a JDBC test of the same inserts, 4 threads). PostgreSQL takes concurrent batches without it.
 */
@Service
class EventIngestion {

    /** What happened to a batch: how many events are now stored (new or already there) and which were old. */
    /**
     * What a batch came to: how many of its events were stored or already there, how many were already there, and
     * the events that reuse a stored id for different content (their indexes in the batch): not stored, reported.
     */
    record Outcome(int accepted, int duplicates, List<IncomingEvent> conflicts) {
    }

    private final Moderator moderator;
    private final EventStore store;
    private final StreamHandOff handOff;
    private final TransactionTemplate tx;
    private final ObjectMapper json;
    private final Counter accepted;
    private final Counter duplicates;
    /** Held around each batch's transaction on H2; null on PostgreSQL. */
    private final ReentrantLock writer;

    EventIngestion(Moderator moderator, EventStore store, StreamHandOff handOff, TransactionTemplate tx,
                   ObjectMapper json, MeterRegistry meters, DataSource dataSource) {
        this.moderator = moderator;
        this.store = store;
        this.handOff = handOff;
        this.tx = tx;
        this.json = json;
        this.accepted = Counter.builder("qinglang.events.accepted").description("events committed").register(meters);
        this.duplicates = Counter.builder("qinglang.events.duplicates")
                .description("events whose id was already stored").register(meters);
        this.writer = Databases.isH2(dataSource) ? new ReentrantLock(true) : null;
    }

    Outcome ingest(List<IncomingEvent> events, long apiKeyId) {
        List<EventStore.Row> rows = new ArrayList<>(events.size());
        Map<String, Verdict> verdicts = new HashMap<>();
        for (IncomingEvent e : events) {
            if (e.text().isPresent()) {
                Verdict v = moderator.check(e.text().get(), e.context());
                verdicts.putIfAbsent(e.id(), v); // an id twice in one batch: the first row is the one stored
                rows.add(withVerdict(e, VerdictView.of(v)));
            } else {
                rows.add(new EventStore.Row(e, Optional.empty(), Optional.empty(), Optional.empty()));
            }
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        boolean[] fresh;
        if (writer != null) {
            writer.lock();
        }
        try {
            fresh = tx.execute(status -> store.insert(rows, apiKeyId, now));
        } finally {
            if (writer != null) {
                writer.unlock();
            }
        }
        List<IncomingEvent> committed = new ArrayList<>(events.size());
        List<IncomingEvent> repeated = new ArrayList<>();
        for (int i = 0; i < fresh.length; i++) {
            (fresh[i] ? committed : repeated).add(events.get(i));
        }
        // a repeat is a retry when it holds what is stored; otherwise it is another event under a used id, which
        // was dropped unseen: it is reported by index instead (the stored event stays as it was)
        List<IncomingEvent> conflicts = new ArrayList<>();
        if (!repeated.isEmpty()) {
            Map<String, EventStore.Content> stored = store.stored(repeated.stream().map(IncomingEvent::id).distinct()
                    .toList());
            for (IncomingEvent e : repeated) {
                EventStore.Content was = stored.get(e.id());
                if (was != null && !was.equals(EventStore.Content.of(e))) {
                    conflicts.add(e);
                }
            }
        }
        int same = repeated.size() - conflicts.size();
        accepted.increment(committed.size());
        duplicates.increment(same);
        handOff.committed(committed, verdicts);
        return new Outcome(committed.size() + same, same, conflicts);
    }

    private EventStore.Row withVerdict(IncomingEvent e, VerdictView v) {
        try {
            return new EventStore.Row(e, Optional.of(v.suggestion()), Optional.of(v.riskLevel()),
                    Optional.of(json.writeValueAsString(v.labels())));
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("a verdict is always writable as JSON", ex);
        }
    }
}

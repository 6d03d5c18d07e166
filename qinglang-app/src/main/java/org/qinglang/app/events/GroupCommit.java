package org.qinglang.app.events;

import org.springframework.transaction.support.TransactionTemplate;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Batches that arrive together are committed together (组提交), for the embedded database: H2 writes every
 * commit out at once (so that a 2xx survives kill -9), and serialising the changed pages is most of what a
 * commit costs, so four requests' batches in one commit cost little more than one. PostgreSQL groups commits
 * in its own log and takes concurrent writers in parallel, so it goes without.
 *
 * <p>A request queues its batch and takes the writer's lock; whoever holds it commits every batch queued by
 * then in one transaction and hands each its result, so the requests that waited behind it find theirs done.
 * If that transaction fails, each of its batches is committed alone, so one bad batch fails only its own
 * request. Every request still returns only after its batch is committed.
 */
final class GroupCommit {

    /** One request's batch, with its outcome once committed. */
    private static final class Pending {
        final List<EventStore.Row> rows;
        final long apiKeyId;
        final OffsetDateTime receivedAt;
        boolean done;
        boolean[] fresh;
        RuntimeException failure;

        Pending(List<EventStore.Row> rows, long apiKeyId, OffsetDateTime receivedAt) {
            this.rows = rows;
            this.apiKeyId = apiKeyId;
            this.receivedAt = receivedAt;
        }
    }

    private final EventStore store;
    private final TransactionTemplate tx;
    private final ReentrantLock writer = new ReentrantLock();
    private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();

    GroupCommit(EventStore store, TransactionTemplate tx) {
        this.store = store;
        this.tx = tx;
    }

    /** Commits {@code rows}, maybe with other requests' batches; as {@link EventStore#insert}. */
    boolean[] insert(List<EventStore.Row> rows, long apiKeyId, OffsetDateTime receivedAt) {
        Pending mine = new Pending(rows, apiKeyId, receivedAt);
        queue.add(mine);
        writer.lock();
        try {
            if (!mine.done) {
                List<Pending> group = new ArrayList<>();
                for (Pending p; (p = queue.poll()) != null; ) {
                    group.add(p);
                }
                commit(group);
            }
        } finally {
            writer.unlock();
        }
        // mine.done was set under the lock, which this thread has taken since: its fields are visible here
        if (mine.failure != null) {
            throw mine.failure;
        }
        return mine.fresh;
    }

    private void commit(List<Pending> group) {
        if (group.size() > 1) {
            try {
                List<boolean[]> all = tx.execute(status -> {
                    List<boolean[]> results = new ArrayList<>(group.size());
                    for (Pending p : group) {
                        results.add(store.insert(p.rows, p.apiKeyId, p.receivedAt));
                    }
                    return results;
                });
                for (int i = 0; i < group.size(); i++) {
                    group.get(i).fresh = all.get(i);
                    group.get(i).done = true;
                }
                return;
            } catch (RuntimeException together) {
                // one batch may have spoilt the group's transaction: each on its own below
            }
        }
        for (Pending p : group) {
            try {
                p.fresh = tx.execute(status -> store.insert(p.rows, p.apiKeyId, p.receivedAt));
            } catch (RuntimeException e) {
                p.failure = e;
            }
            p.done = true;
        }
    }
}

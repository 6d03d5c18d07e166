package org.qinglang.app.stream;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.qinglang.core.stream.Detector;
import org.springframework.beans.factory.ObjectProvider;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/** A {@link DetectorHost} made outside Spring, for tests: one detector, one sink, the server's idle timeout. */
public final class TestHosts {

    private TestHosts() {
    }

    /** A host of {@code detector} whose alerts go to {@code sink}; stop it when done ({@link DetectorHost#stop}). */
    public static DetectorHost of(Detector<?> detector, AlertSink sink, JudgedVerdicts judged, Duration lateness) {
        return new DetectorHost(provider(List.of(detector)), provider(List.of(sink)), judged, Duration.ofHours(24),
                lateness, new SimpleMeterRegistry());
    }

    /** Just the beans given, in order. */
    private static <T> ObjectProvider<T> provider(List<T> beans) {
        return new ObjectProvider<>() {
            @Override
            public T getObject(Object... args) {
                throw new UnsupportedOperationException();
            }

            @Override
            public T getIfAvailable() {
                return beans.isEmpty() ? null : beans.get(0);
            }

            @Override
            public T getIfUnique() {
                return beans.size() == 1 ? beans.get(0) : null;
            }

            @Override
            public T getObject() {
                return beans.get(0);
            }

            @Override
            public Stream<T> stream() {
                return beans.stream();
            }

            @Override
            public Stream<T> orderedStream() {
                return beans.stream();
            }
        };
    }

}

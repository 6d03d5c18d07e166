/**
 * Events in, alerts out (事件流): the event model of ARCHITECTURE.md ({@link org.qinglang.core.stream.Event},
 * read and written by {@link org.qinglang.core.stream.EventCodec}), the {@link org.qinglang.core.stream.Alert}
 * that stateful detectors raise, the keyed-operator interface they are written against
 * ({@link org.qinglang.core.stream.Detector}: (state, event, now) → (new state, alerts, timers)), the
 * in-process {@link org.qinglang.core.stream.StreamRuntime} that hosts them on one machine, driven by event
 * time, and the detectors themselves: the {@link org.qinglang.core.stream.PileOnMonitor} (网暴预警).
 *
 * <p>Nothing here is null across the package boundary: absent strings are {@code ""}, absent numbers
 * {@link java.util.OptionalDouble#empty()}. Detectors hold no clock of their own: the time is always handed
 * in, so tests drive it explicitly and the same detector runs unchanged in a Flink
 * {@code KeyedProcessFunction}.
 */
package org.qinglang.core.stream;

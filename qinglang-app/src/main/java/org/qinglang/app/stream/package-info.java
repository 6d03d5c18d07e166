/**
 * The in-process detectors behind {@code POST /api/v1/events} (进程内检测): every committed event goes, after
 * the commit, to each registered {@code org.qinglang.core.stream.Detector} hosted in a core
 * {@code StreamRuntime}, and every alert they raise goes to each {@link org.qinglang.app.stream.AlertSink}
 * (the prominent prompt of one-click protection is one; the workflow's cases will be another).
 * A detector is registered by declaring it as a Spring bean of type {@code Detector}: the pile-on monitor
 * ({@code PileOnConfig}) and the coordination detector ({@code CoordinationConfig}) are; {@code StreamClock}
 * moves their clock with the wall clock so that timers fire without events.
 */
package org.qinglang.app.stream;

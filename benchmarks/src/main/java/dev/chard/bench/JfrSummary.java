package dev.chard.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * A JFR recording's CPU samples ({@code jdk.ExecutionSample}) summarised: by thread, by top frame (where the CPU is
 * spent), and by method anywhere on the stack (what the time is spent under), plus allocation and GC totals.
 */
final class JfrSummary {

    private JfrSummary() {
    }

    static String summarise(Path file, int top) throws IOException {
        Map<String, Integer> selfCount = new HashMap<>();
        Map<String, Integer> totalCount = new HashMap<>();
        Map<String, Integer> threadCount = new HashMap<>();
        Map<String, Long> allocByTop = new HashMap<>();
        long allocated = 0;
        int samples = 0;
        int gcs = 0;
        double gcPauseMs = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
            String type = e.getEventType().getName();
            switch (type) {
                case "jdk.ExecutionSample" -> {
                    samples++;
                    RecordedThread t = e.getThread("sampledThread");
                    threadCount.merge(t == null ? "?" : t.getJavaName().replaceAll("-\\d+$", "-N"), 1, Integer::sum);
                    RecordedStackTrace st = e.getStackTrace();
                    if (st == null || st.getFrames().isEmpty()) {
                        continue;
                    }
                    List<RecordedFrame> frames = st.getFrames();
                    selfCount.merge(name(frames.get(0)), 1, Integer::sum);
                    Set<String> seen = new HashSet<>();
                    for (RecordedFrame f : frames) {
                        String n = name(f);
                        if (seen.add(n)) {
                            totalCount.merge(n, 1, Integer::sum);
                        }
                    }
                }
                case "jdk.ObjectAllocationSample" -> {
                    long w = e.getLong("weight");
                    allocated += w;
                    RecordedStackTrace st = e.getStackTrace();
                    if (st != null) {
                        // the first frame outside the JDK: who allocates
                        String who = "?";
                        for (RecordedFrame f : st.getFrames()) {
                            String n = name(f);
                            if (!n.startsWith("java.") && !n.startsWith("jdk.") && !n.startsWith("sun.")) {
                                who = n;
                                break;
                            }
                        }
                        allocByTop.merge(who, w, Long::sum);
                    }
                }
                case "jdk.GarbageCollection" -> {
                    gcs++;
                    gcPauseMs += e.getDuration("sumOfPauses").toNanos() / 1e6;
                }
                default -> {
                    // other events are not summarised
                }
            }
        }
        StringBuilder out = new StringBuilder();
        out.append(String.format("JFR profile %s: %d CPU samples, %d collections (%.1f ms of pauses), %.1f MiB allocated (sampled estimate)%n",
                file, samples, gcs, gcPauseMs, allocated / 1048576.0));
        out.append("CPU samples by thread:\n");
        append(out, threadCount, samples, top);
        out.append("Top frames (self: where the CPU is spent):\n");
        append(out, selfCount, samples, top);
        out.append("Methods on the stack (total: what the CPU is spent under):\n");
        append(out, totalCount, samples, top);
        out.append("Allocation by first non-JDK frame (sampled bytes):\n");
        long allocTotal = allocated;
        allocByTop.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue(), a.getValue())).limit(top)
                .forEach(en -> out.append(String.format("  %6.1f%%  %s%n", allocTotal == 0 ? 0 : 100.0 * en.getValue() / allocTotal, en.getKey())));
        return out.toString();
    }

    private static void append(StringBuilder out, Map<String, Integer> counts, int total, int top) {
        counts.entrySet().stream().sorted((a, b) -> Integer.compare(b.getValue(), a.getValue())).limit(top)
                .forEach(en -> out.append(String.format("  %6.1f%%  %6d  %s%n", 100.0 * en.getValue() / Math.max(1, total), en.getValue(), en.getKey())));
    }

    private static String name(RecordedFrame f) {
        RecordedMethod m = f.getMethod();
        return m == null ? "?" : m.getType().getName() + "." + m.getName();
    }
}

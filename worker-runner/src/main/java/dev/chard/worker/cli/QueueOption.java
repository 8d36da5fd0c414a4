package dev.chard.worker.cli;

import dev.chard.engine.config.ChardConfig;
import picocli.CommandLine.Option;

/** The {@code -Q/--queue} option of the commands that act on one queue. */
public final class QueueOption {

    @Option(names = {"-Q", "--queue"}, paramLabel = "<queue>", description = "The queue (default: chard.queue.default).")
    String queue;

    String resolve(ChardConfig config) {
        return queue != null ? queue : config.defaultQueue();
    }
}

package dev.chard.worker.logging;

import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;

/**
 * Points java.util.logging at stderr with {@link CeleryFormatter}, one flush per line or per {@link LogBatch}. Jedis logs through slf4j-jdk14, so
 * its lines arrive here too. Weld's start-up chatter (WELD-000900, ENV-002003...) is kept at WARNING unless the
 * level is debug: the worker prints its own banner instead.
 */
public final class LogSetup {

    /**
     * The logger of the {@code <name> ready.} line, which is written at every level (Celery prints it even with
     * {@code -l warning}): scripts and supervisors wait for it, whatever level the worker logs at.
     */
    public static final String READY_LOGGER = "dev.chard.worker.Ready";

    private static final String[] CHATTY = {"org.jboss.weld", "org.jboss.logging", "org.eclipse.yasson", "redis.clients"};

    private LogSetup() {
    }

    public static void configure(LogLevel level) {
        LogManager.getLogManager().reset();
        Logger root = Logger.getLogger("");
        // stderr, as Celery's worker log. Flushed per line (or per LogBatch), never by a timer, so that a kill -9 loses
        // no line already logged: the last lines before a crash are the ones an operator needs. A buffered handler lost
        // up to 50 ms of lines on kill -9 (docs/benchmarks.md).
        Handler console = new StderrHandler(new CeleryFormatter());
        root.addHandler(console);
        LogBatch.install(console);
        root.setLevel(level.julLevel());
        // INFO even when the root is stricter: records of a logger with its own level reach the root's handler
        Quiet.keep(Logger.getLogger(READY_LOGGER)).setLevel(Level.INFO);
        for (String name : CHATTY) {
            // keep a strong reference: JUL holds loggers weakly and would forget the level otherwise
            Quiet.keep(Logger.getLogger(name)).setLevel(level == LogLevel.DEBUG ? Level.FINE : maxOf(level.julLevel(), Level.WARNING));
        }
    }

    private static Level maxOf(Level a, Level b) {
        return a.intValue() >= b.intValue() ? a : b;
    }

    /** Strong references to the loggers whose level was set. */
    private static final class Quiet {
        private static final java.util.List<Logger> KEPT = new java.util.concurrent.CopyOnWriteArrayList<>();

        static Logger keep(Logger l) {
            KEPT.add(l);
            return l;
        }
    }
}

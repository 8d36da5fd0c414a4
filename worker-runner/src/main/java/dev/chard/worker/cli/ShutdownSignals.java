package dev.chard.worker.cli;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

import dev.chard.worker.Worker;

/**
 * SIGTERM and SIGINT, as Celery's warm shutdown: the first signal stops fetching and lets running tasks finish
 * (up to chard.worker.shutdown-timeout), the second hands running tasks back at once; either way the process
 * exits 0 once the worker has stopped.
 *
 * <p>A JVM shutdown hook cannot do this: once hooks run, the JVM delivers no further signal to Java code. So the
 * handlers for TERM and INT are replaced through {@code sun.misc.Signal} (module jdk.unsupported, present in every
 * JDK 17 build), reached by reflection because the compiler, run with warnings as errors, rejects it as
 * proprietary API. Where that is unavailable (or under {@code -Xrs}) a shutdown hook does the first part only, and
 * a second signal is ignored (SIGKILL still works; the work is then reclaimed by other workers' heartbeats).
 * A shutdown hook is registered in any case, for SIGHUP and System.exit.
 */
final class ShutdownSignals {

    private static final Logger LOG = Logger.getLogger("dev.chard.worker.MainProcess");

    private final Worker worker;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicInteger signals = new AtomicInteger();

    private ShutdownSignals(Worker worker) {
        this.worker = worker;
    }

    static ShutdownSignals install(Worker worker) {
        ShutdownSignals s = new ShutdownSignals(worker);
        boolean handled = s.handle("TERM") & s.handle("INT");
        if (!handled) {
            LOG.fine("signal handlers unavailable: a second SIGTERM will be ignored");
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            worker.stop(); // returns at once if a signal already stopped it
            s.stopped.countDown();
        }, "ShutdownHook"));
        return s;
    }

    /** Blocks until the worker has stopped. */
    void awaitStopped() {
        while (true) {
            try {
                stopped.await();
                return;
            } catch (InterruptedException e) {
                // only a stop ends the wait
            }
        }
    }

    void onSignal(String name) {
        if (signals.incrementAndGet() == 1) {
            LOG.info(() -> "SIG" + name + " received: warm shutdown (a second signal hands running tasks back at once)");
            Thread t = new Thread(() -> {
                try {
                    worker.stop();
                } finally {
                    stopped.countDown();
                }
            }, "Shutdown");
            t.start();
        } else {
            worker.abort();
        }
    }

    private boolean handle(String name) {
        try {
            Class<?> signalClass = Class.forName("sun.misc.Signal");
            Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
            Object signal = signalClass.getConstructor(String.class).newInstance(name);
            InvocationHandler ih = (Object proxy, Method m, Object[] args) -> switch (m.getName()) {
                case "handle" -> {
                    onSignal(name);
                    yield null;
                }
                case "hashCode" -> System.identityHashCode(proxy);
                case "equals" -> proxy == args[0];
                default -> "ChardSignalHandler[" + name + "]";
            };
            Object handler = Proxy.newProxyInstance(ShutdownSignals.class.getClassLoader(), new Class<?>[]{handlerClass}, ih);
            signalClass.getMethod("handle", signalClass, handlerClass).invoke(null, signal, handler);
            return true;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            LOG.fine(() -> "cannot handle SIG" + name + ": " + e);
            return false;
        }
    }
}

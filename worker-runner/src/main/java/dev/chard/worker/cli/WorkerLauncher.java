package dev.chard.worker.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

import dev.chard.api.BrokerUnavailableException;
import dev.chard.engine.Engine;
import dev.chard.engine.config.ChardConfig;
import dev.chard.worker.Banner;
import dev.chard.worker.Worker;
import dev.chard.worker.WorkerErrors;
import dev.chard.worker.LivenessFile;
import dev.chard.worker.RedisVersion;
import dev.chard.worker.WorkerIdentity;
import dev.chard.worker.boot.AppArchive;
import dev.chard.worker.boot.CdiTaskRunner;
import dev.chard.worker.boot.WeldBoot;
import dev.chard.worker.logging.LogSetup;

/**
 * The worker's start-up and shutdown, in order: open the archive, check the configuration, boot Weld, check Redis,
 * print the banner, start consuming, log {@code <name> ready.} (at every log level), then wait for a signal and stop. Each step that
 * can fail throws the error whose exit code says which step it was.
 */
final class WorkerLauncher {

    private static final Logger LOG = Logger.getLogger("dev.chard.worker.MainProcess");
    private static final Logger READY = Logger.getLogger(LogSetup.READY_LOGGER);

    private WorkerLauncher() {
    }

    static int run(Path app, List<String> packages, Path livenessFile) {
        ClassLoader workerLoader = WorkerLauncher.class.getClassLoader();
        try (AppArchive archive = AppArchive.open(app, packages, workerLoader)) {
            if (archive.classNames().isEmpty()) {
                throw WorkerErrors.noClasses(archive.path(), packages);
            }
            // The extension reads the configuration through the context class loader; so does this check, which
            // fails with exit code 3 before Weld would wrap the same error in a deployment failure.
            Thread.currentThread().setContextClassLoader(archive.classLoader());
            ChardConfig config = ChardConfig.load(archive.classLoader());
            WorkerIdentity me = WorkerIdentity.create(config.workerName());
            LOG.fine(() -> "booting " + archive.kind() + " " + archive.path() + ": " + archive.classNames().size()
                    + " classes, bean-discovery-mode " + archive.discovery());
            try (WeldBoot weld = WeldBoot.boot(archive, me.instanceId().substring(me.instanceId().indexOf('#') + 1))) {
                // the engine is the container's (ChardRuntime): closing the container closes it
                return serve(weld.select(Engine.class).get(), weld, archive, me, livenessFile);
            }
        }
    }

    private static int serve(Engine engine, WeldBoot weld, AppArchive archive, WorkerIdentity me, Path livenessFile) {
        engine.ping();
        Map<String, String> info = engine.brokerInfo();
        RedisVersion.require(info.get("redis_version"));
        requireReadableQueues(engine);
        Banner.print(System.out, engine, me, archive.path() + " (" + archive.kind() + ")", info);
        Banner.redisWarnings(info).forEach(LOG::warning);
        Worker worker = new Worker(engine, new CdiTaskRunner(weld), me, archive.classLoader());
        ShutdownSignals signals = ShutdownSignals.install(worker);
        worker.start();
        LivenessFile liveness = livenessFile == null ? null
                : LivenessFile.start(livenessFile, worker::live, engine.config().heartbeatInterval());
        READY.info(() -> me.name() + " ready.");
        try {
            signals.awaitStopped();
        } finally {
            if (liveness != null) {
                liveness.close();
            }
        }
        return ExitCode.OK.code();
    }

    /**
     * @throws BrokerUnavailableException (CHARD-04015, exit code 5) when a queue holds tasks in a layout this version
     *                                    cannot read (see {@link dev.chard.engine.broker.Broker#layoutProblem})
     */
    private static void requireReadableQueues(Engine engine) {
        for (String q : engine.config().workerQueues()) {
            String problem = engine.broker().layoutProblem(q);
            if (problem != null) {
                throw new BrokerUnavailableException("CHARD-04015", problem, null);
            }
        }
    }
}

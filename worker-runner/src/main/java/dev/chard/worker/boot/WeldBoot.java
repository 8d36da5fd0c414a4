package dev.chard.worker.boot;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.enterprise.inject.Instance;

import org.jboss.weld.bootstrap.spi.BeanDiscoveryMode;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;

import dev.chard.cdi.ChardExtension;
import dev.chard.worker.WorkerErrors;

/**
 * Boots an {@link AppArchive} in Weld SE with an explicit list of classes rather than Weld's class-path scan, so
 * that exactly the archive's classes become beans (never the worker's own jars) and the archive's discovery mode
 * applies to them.
 *
 * <p>With discovery disabled Weld SE does not read {@code META-INF/services/...Extension} at all (checked on
 * 5.1.7.Final: an extension listed there is not called), so the ChardExtension is added here, exactly once.
 * Weld's own shutdown hook is skipped: the worker closes the container itself, after its tasks are done.
 */
public final class WeldBoot implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(WeldBoot.class.getName());

    private final WeldContainer container;

    private WeldBoot(WeldContainer container) {
        this.container = container;
    }

    /**
     * Boots the archive. The caller has set the thread's context class loader to the archive's loader: the
     * extension reads the configuration through it.
     *
     * @throws dev.chard.worker.BootException     CHARD-04xxx or the extension's CHARD-01xxx definition errors
     * @throws dev.chard.api.ConfigurationException a configuration value the extension rejected
     */
    public static WeldBoot boot(AppArchive archive, String containerId) {
        if (archive.discovery() == BeanDiscovery.NONE) {
            throw WorkerErrors.discoveryNone(archive.beansXmlName());
        }
        List<Class<?>> classes = loadClasses(archive);
        if (classes.isEmpty()) {
            throw WorkerErrors.noClasses(archive.path(), List.of());
        }
        Weld weld = new Weld("chard-worker-" + containerId)
                .disableDiscovery()
                .skipShutdownHook()
                .setBeanDiscoveryMode(archive.discovery() == BeanDiscovery.ALL ? BeanDiscoveryMode.ALL : BeanDiscoveryMode.ANNOTATED)
                .setClassLoader(archive.classLoader())
                .addBeanClasses(classes.toArray(Class<?>[]::new))
                .addExtension(new ChardExtension());
        try {
            return new WeldBoot(weld.initialize());
        } catch (RuntimeException e) {
            throw BootFailures.translate(e);
        }
    }

    /** Chard's own packages (a fat application jar may carry them); applications may live under dev.chard too. */
    static boolean isChardItself(String className) {
        for (String p : CHARD_PACKAGES) {
            if (className.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    private static final List<String> CHARD_PACKAGES = List.of("dev.chard.api.", "dev.chard.cdi.", "dev.chard.engine.", "dev.chard.worker.");

    private static List<Class<?>> loadClasses(AppArchive archive) {
        List<Class<?>> classes = new ArrayList<>();
        for (String name : archive.classNames()) {
            if (isChardItself(name)) {
                continue; // Chard's own classes come from the worker, registered by the extension
            }
            try {
                Class<?> c = Class.forName(name, false, archive.classLoader());
                // resolving members here finds what Weld would trip on (a field of a server-only type such as
                // SessionContext), so such classes are skipped quietly instead of one WELD-000119 line each
                c.getDeclaredFields();
                c.getDeclaredMethods();
                c.getDeclaredConstructors();
                classes.add(c);
            } catch (ClassNotFoundException | LinkageError e) {
                // e.g. a class that needs a library the archive does not carry: it cannot be a bean here anyway
                LOG.log(Level.FINE, "skipping class " + name + ": " + e, e);
            }
        }
        return classes;
    }

    public WeldContainer container() {
        return container;
    }

    public <T> Instance<T> select(Class<T> type) {
        return container.select(type);
    }

    @Override
    public void close() {
        if (container.isRunning()) {
            container.shutdown();
        }
    }
}

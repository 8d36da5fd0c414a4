package dev.chard.cdi;

import dev.chard.api.TaskClient;
import dev.chard.engine.Engine;
import dev.chard.engine.client.SendDeferral;
import dev.chard.engine.registry.TaskRegistry;
import dev.chard.engine.serialization.JsonProviders;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.json.bind.Jsonb;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import java.util.concurrent.ThreadFactory;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Owns the process's {@link Engine}: created on first use from the extension's registry and configuration, closed
 * with the application (undeploy, or the worker's container shutdown). Produces {@link TaskClient} and Engine.
 */
@ApplicationScoped
public class ChardRuntime {

    private static final Logger LOG = Logger.getLogger(ChardRuntime.class.getName());

    @Inject
    ChardExtension extension;

    private volatile Engine engine;
    private Jsonb jsonb;

    public Engine engine() {
        Engine e = engine;
        if (e == null) {
            synchronized (this) {
                e = engine;
                if (e == null) {
                    jsonb = JsonProviders.create();
                    SendDeferral deferral = extension.config().sendAfterCommit() ? SendDeferrals.afterCommitIfPossible() : SendDeferral.NONE;
                    e = Engine.start(extension.config(), extension.registry(), jsonb, threadFactory(), deferral);
                    engine = e;
                }
            }
        }
        return e;
    }

    public TaskRegistry registry() {
        return extension.registry();
    }

    @Produces
    @Singleton
    Engine produceEngine() {
        return engine();
    }

    @Produces
    @ApplicationScoped
    TaskClient produceClient() {
        return engine().client();
    }

    @PreDestroy
    void close() {
        Engine e = engine;
        if (e != null) {
            e.close();
        }
        if (jsonb != null) {
            try {
                jsonb.close();
            } catch (Exception ex) {
                LOG.log(Level.FINE, "closing JSON-B failed", ex);
            }
        }
    }

    /** Whether the JTA API is there (a server), checked before {@link JtaSendDeferral} is loaded: it links JTA types. */
    private static boolean jtaVisible() {
        try {
            Class.forName("jakarta.transaction.TransactionSynchronizationRegistry", false, ChardRuntime.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** In a Jakarta EE server, background threads come from its default ManagedThreadFactory (DESIGN.md §3). */
    private static ThreadFactory threadFactory() {
        try {
            Object found = new InitialContext().lookup("java:comp/DefaultManagedThreadFactory");
            if (found instanceof ThreadFactory tf) {
                return tf;
            }
        } catch (NamingException | RuntimeException | LinkageError e) {
            LOG.log(Level.FINE, "no managed thread factory; using daemon threads", e);
        }
        return r -> {
            Thread t = new Thread(r);
            t.setDaemon(true);
            return t;
        };
    }
}

package dev.chard.cdi;

import dev.chard.engine.client.SendDeferral;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.naming.NoInitialContextException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code chard.send.transactional=after-commit}: inside an active JTA transaction a task is sent from
 * {@code afterCompletion(STATUS_COMMITTED)} of an interposed synchronization, and dropped on rollback; outside one it
 * is sent at once. The registry is looked up in JNDI ({@code java:comp/TransactionSynchronizationRegistry}), so the
 * only dependency is the JTA API; {@link ChardRuntime} loads this class only when that API is visible (never in a
 * Weld SE worker without it).
 * Thread-safe.
 */
final class JtaSendDeferral implements SendDeferral {

    static final String REGISTRY = "java:comp/TransactionSynchronizationRegistry";
    private static final Logger LOG = Logger.getLogger(JtaSendDeferral.class.getName());

    /** Set once JNDI proved to have no provider at all (Weld SE): then no lookup is tried again. */
    private volatile boolean noJndi;
    private volatile TransactionSynchronizationRegistry registry;

    private JtaSendDeferral() {
    }

    /**
     * The deferral, or {@link SendDeferral#NONE} when the JTA API is not visible to Chard's class loader. The check is
     * in a class with no JTA reference ({@link ChardRuntime}'s caller must not load this class first): loading this
     * class links {@code jakarta.transaction.Synchronization}, which fails in Weld SE without the JTA API.
     */
    static SendDeferral create() {
        return new JtaSendDeferral();
    }

    @Override
    public boolean defer(String taskId, String taskName, Runnable send) {
        TransactionSynchronizationRegistry tsr = registry();
        if (tsr == null) {
            return false;
        }
        int status = tsr.getTransactionStatus();
        if (status == Status.STATUS_MARKED_ROLLBACK) {
            LOG.fine(() -> "task " + taskId + " (" + taskName + ") not sent: its transaction is marked for rollback");
            return true;
        }
        if (status != Status.STATUS_ACTIVE) {
            return false; // no transaction (or one already completing): send now
        }
        tsr.registerInterposedSynchronization(new AfterCommit(taskId, taskName, send));
        return true;
    }

    private TransactionSynchronizationRegistry registry() {
        TransactionSynchronizationRegistry tsr = registry;
        if (tsr != null || noJndi) {
            return tsr;
        }
        try {
            Object found = new InitialContext().lookup(REGISTRY);
            if (found instanceof TransactionSynchronizationRegistry r) {
                registry = r;
                return r;
            }
        } catch (NoInitialContextException e) {
            noJndi = true;
            LOG.log(Level.FINE, "no JNDI: tasks are sent at once", e);
        } catch (NamingException | RuntimeException e) {
            // e.g. a thread with no java:comp (a plain thread in a server): no transaction to wait for; look again next time
            LOG.log(Level.FINE, "no " + REGISTRY + " here: sending at once", e);
        }
        return null;
    }

    /** Sends after the commit; drops the task on rollback. Runs in the thread that completes the transaction. */
    private record AfterCommit(String taskId, String taskName, Runnable send) implements Synchronization {

        @Override
        public void beforeCompletion() {
            // nothing: the message is built already, and sending before the outcome is known is what this avoids
        }

        @Override
        public void afterCompletion(int status) {
            if (status != Status.STATUS_COMMITTED) {
                LOG.fine(() -> "task " + taskId + " (" + taskName + ") not sent: its transaction rolled back");
                return;
            }
            try {
                send.run();
            } catch (RuntimeException | Error e) {
                // the caller has its AsyncResult already and cannot be told any more: say it loudly, with the id
                LOG.log(Level.SEVERE, "CHARD-03014: task " + taskId + " (" + taskName + ") was not sent after its transaction"
                        + " committed: " + e + ". Its state stays UNKNOWN; send it again if it must run.", e);
            }
        }
    }
}

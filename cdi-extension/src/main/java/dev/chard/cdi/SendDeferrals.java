package dev.chard.cdi;

import dev.chard.engine.client.SendDeferral;

/**
 * Picks how sends relate to transactions without loading any JTA type unless the JTA API is there: the JVM
 * verifies {@link JtaSendDeferral} against {@code jakarta.transaction.Synchronization} as soon as the class is
 * loaded, so in Weld SE without JTA even calling its static factory fails with NoClassDefFoundError.
 */
final class SendDeferrals {

    private SendDeferrals() {
    }

    static SendDeferral afterCommitIfPossible() {
        try {
            Class.forName("jakarta.transaction.Synchronization", false, SendDeferrals.class.getClassLoader());
            Class.forName("jakarta.transaction.TransactionSynchronizationRegistry", false, SendDeferrals.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return SendDeferral.NONE;
        }
        return JtaSendDeferral.create();
    }
}

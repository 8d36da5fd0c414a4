package dev.chard.examples.web.ejb;

import dev.chard.api.AsyncResult;
import dev.chard.examples.web.tasks.WebTasks;
import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

/**
 * A stateless EJB calling a task bean. Its methods run in a container-managed JTA transaction, so with the default
 * {@code chard.send.transactional=after-commit} the task is sent when the transaction commits, and never if it rolls
 * back: work the transaction did not keep is not started either.
 */
@Stateless
public class TaskService {

    @Inject
    WebTasks tasks;

    @Resource
    SessionContext session;

    /**
     * Calls {@code web.add} inside this method's transaction.
     *
     * @param rollback mark the transaction for rollback after the call (the task is then never sent)
     * @return the task id, and the state seen inside the transaction (UNKNOWN: it is not sent before the commit)
     */
    public Sent add(int x, int y, boolean rollback) {
        AsyncResult<Integer> r = tasks.add(x, y);
        String stateInside = r.state().name();
        if (rollback) {
            session.setRollbackOnly();
        }
        return new Sent(r.id(), stateInside);
    }

    /** What {@link #add} sent. */
    public record Sent(String id, String stateInTransaction) {
    }
}

package dev.chard.engine.broker;

/**
 * A multi-chunk enqueue stopped at a chunk: the chunks before it were accepted (their script calls returned), that
 * chunk and the ones after it were not (the failed chunk may still have been applied if only its reply was lost).
 */
public final class EnqueueChunkException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int accepted;

    /** @param accepted how many leading tasks, in the order given, were accepted */
    public EnqueueChunkException(int accepted, RuntimeException cause) {
        super(cause.getMessage(), cause);
        this.accepted = accepted;
    }

    public int accepted() {
        return accepted;
    }

    @Override
    public synchronized RuntimeException getCause() {
        return (RuntimeException) super.getCause();
    }
}

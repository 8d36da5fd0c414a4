package dev.chard.bench.app;

import dev.chard.api.AsyncResult;
import dev.chard.api.AsyncTask;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The tasks of the heartbeat measurement ({@code chard-bench.jar reclaim}): one that holds its thread, so that a killed
 * worker has tasks in flight, and one that churns the heap, so that a worker with a small heap collects often.
 */
@ApplicationScoped
public class StressTasks {

    public static final String HOLD = StressTasks.class.getName() + ".hold";
    public static final String CHURN = StressTasks.class.getName() + ".churn";

    private static final int CHUNK = 64 * 1024;
    /**
     * What survives young collections: 128 chunks of 64 KiB (8 MiB), replaced round-robin, so the old generation keeps
     * filling with data that dies later, and full collections come often in a small heap.
     */
    private static final byte[][] RETAINED = new byte[128][];
    private static final AtomicInteger NEXT = new AtomicInteger();

    @AsyncTask
    public AsyncResult<Long> hold(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return AsyncResult.completed(millis);
    }

    /** Allocates {@code megabytes} MiB in 64 KiB chunks; one chunk in four is kept for a while. */
    @AsyncTask
    public AsyncResult<Integer> churn(int megabytes) {
        int touched = 0;
        for (int i = 0; i < megabytes * 16; i++) {
            byte[] b = new byte[CHUNK];
            b[i % CHUNK] = 1;
            touched += b[i % CHUNK];
            if (i % 4 == 0) {
                RETAINED[NEXT.getAndIncrement() & 127] = b;
            }
        }
        return AsyncResult.completed(touched);
    }
}

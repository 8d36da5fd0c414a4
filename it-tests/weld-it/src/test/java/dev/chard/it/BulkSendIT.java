package dev.chard.it;

import dev.chard.api.AsyncResult;
import dev.chard.api.TaskClient;
import dev.chard.api.TaskOptions;
import dev.chard.api.TaskState;
import dev.chard.it.app.MathTasks;
import jakarta.inject.Inject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Bulk sends and coalesced concurrent sends, end to end: every task of a multi-chunk {@code sendBulk} runs once on the
 * real workers and ends SUCCESS with its own result; so does every task sent by many threads at once.
 */
@ChardSetup(workers = 2)
@ExtendWith({ChardCluster.class, ArquillianExtension.class})
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class BulkSendIT {

    static Cluster cluster;

    @Deployment
    static JavaArchive deployment() {
        return Deployments.testApp("bulk-send");
    }

    @Inject
    TaskClient client;

    @Inject
    MathTasks math;

    @Test
    void everyTaskOfAMultiChunkBulkSendRunsAndSucceedsWithItsOwnResult() throws Exception {
        int n = 1_234; // three chunks, the last one short
        List<List<?>> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            rows.add(List.of(i, 1000));
        }
        List<AsyncResult<Object>> handles = client.sendBulk("dev.chard.it.app.MathTasks.add", rows, TaskOptions.defaults().priority(6));
        assertEquals(n, handles.size());
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < n; i++) {
            AsyncResult<Object> h = handles.get(i);
            ids.add(h.id());
            assertEquals(i + 1000, ((Number) h.get(60, TimeUnit.SECONDS)).intValue(), "task " + i + " (" + h.id() + ")");
            assertEquals(TaskState.SUCCESS, h.state());
        }
        assertEquals(n, ids.size(), "every task has its own id");
    }

    @Test
    void tasksSentByManyThreadsAtOnceEachRunOnceAndSucceed() throws Exception {
        int threads = 16;
        int each = 50;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<List<AsyncResult<Integer>>>> sent = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                int base = t * 1000;
                sent.add(pool.submit(() -> {
                    List<AsyncResult<Integer>> mine = new ArrayList<>();
                    for (int i = 0; i < each; i++) {
                        mine.add(math.add(base, i));
                    }
                    return mine;
                }));
            }
            Set<String> ids = new HashSet<>();
            for (int t = 0; t < threads; t++) {
                List<AsyncResult<Integer>> mine = sent.get(t).get(60, TimeUnit.SECONDS);
                for (int i = 0; i < each; i++) {
                    assertEquals(t * 1000 + i, mine.get(i).get(60, TimeUnit.SECONDS));
                    ids.add(mine.get(i).id());
                }
            }
            assertEquals(threads * each, ids.size());
        } finally {
            pool.shutdownNow();
        }
    }
}

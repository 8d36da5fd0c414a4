package dev.chard.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code java -jar chard-worker.jar call|result|--help} as separate processes, against one real worker. */
@ChardSetup(workers = 1)
@ExtendWith(ChardCluster.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CommandLineIT {

    private static final Pattern SUCCESS = Pattern.compile("\"state\"\\s*:\\s*\"SUCCESS\"");
    private static final Pattern FAILURE = Pattern.compile("\"state\"\\s*:\\s*\"FAILURE\"");
    private static final Pattern UUID = Pattern.compile("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$");

    static Cluster cluster;

    @Test
    void callWithWaitPrintsTheSuccessRecordAndExitsZero() {
        Cluster.CliRun run = cluster.cli("call", "dev.chard.it.app.MathTasks.add", "--args", "[2,3]", "--wait");
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(SUCCESS.matcher(run.output()).find(), run::toString);
        assertTrue(Pattern.compile("\"result\"\\s*:\\s*5\\b").matcher(run.output()).find(), run::toString);
    }

    @Test
    void callWithWaitOfAFailingTaskPrintsTheFailureRecordAndExitsOne() {
        Cluster.CliRun run = cluster.cli("call", "dev.chard.it.app.FailingTasks.explode", "--args", "[\"cli\"]", "--wait");
        assertEquals(1, run.exitCode(), run::toString);
        assertTrue(FAILURE.matcher(run.output()).find(), run::toString);
        assertTrue(run.output().contains("java.lang.IllegalStateException"), run::toString);
        assertTrue(run.output().contains("broken on purpose: cli"), run::toString);
    }

    @Test
    void callWithoutWaitPrintsAnIdWhoseResultBecomesSuccess() throws InterruptedException {
        Cluster.CliRun call = cluster.cli("call", "dev.chard.it.app.MathTasks.add", "--args", "[20,22]");
        assertEquals(0, call.exitCode(), call::toString);
        List<String> lines = call.lines();
        String id = lines.isEmpty() ? "" : lines.get(lines.size() - 1);
        assertTrue(UUID.matcher(id).matches(), "the last line is the task id: " + call);

        Cluster.CliRun result = null;
        for (int attempt = 0; attempt < 10; attempt++) {
            result = cluster.cli("result", id);
            assertEquals(0, result.exitCode(), result::toString);
            if (SUCCESS.matcher(result.output()).find()) {
                break;
            }
            Thread.sleep(500);
        }
        Cluster.CliRun last = result;
        assertTrue(SUCCESS.matcher(last.output()).find(), last::toString);
        assertTrue(last.output().contains("\"id\":\"" + id + "\""), last::toString);
        assertTrue(Pattern.compile("\"result\"\\s*:\\s*42\\b").matcher(last.output()).find(), last::toString);
    }

    @Test
    void resultOfAnIdNeverSentPrintsUnknown() {
        Cluster.CliRun run = cluster.cli("result", "no-such-id");
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(Pattern.compile("\"state\"\\s*:\\s*\"UNKNOWN\"").matcher(run.output()).find(), run::toString);
        assertTrue(run.output().contains("no-such-id"), run::toString);
    }

    @Test
    void helpExitsZero() {
        Cluster.CliRun run = cluster.cli("--help");
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.output().contains("worker") && run.output().contains("call") && run.output().contains("result"), run::toString);
    }

    @Test
    void anUnknownOptionExitsTwoWithUsage() {
        Cluster.CliRun run = cluster.cli("call", "--no-such-option", "dev.chard.it.app.MathTasks.add");
        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.output().contains("--no-such-option"), run::toString);
    }

    @Test
    void aMalformedBrokerUrlExitsThreeNamingTheKey() {
        Cluster.CliRun run = ChardCluster.cli("not a url", null, List.of("call", "dev.chard.it.app.MathTasks.add", "--args", "[1,2]"));
        assertEquals(3, run.exitCode(), run::toString);
        assertTrue(run.output().contains("chard.broker.url"), run::toString);
        assertTrue(run.output().contains("CHARD-02001"), run::toString);
    }
}

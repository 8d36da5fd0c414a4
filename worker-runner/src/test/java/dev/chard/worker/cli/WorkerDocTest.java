package dev.chard.worker.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import org.junit.jupiter.api.Test;
import dev.chard.engine.config.RedisUrl;
import dev.chard.engine.errors.ClientErrors;
import dev.chard.engine.serialization.ResultCodec;
import dev.chard.worker.RedisVersion;
import dev.chard.worker.WorkerErrors;
import picocli.CommandLine;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * What docs/worker.md says about the command line: the common options, the exit code of each error, and the JSON that
 * {@code call --wait} prints.
 */
class WorkerDocTest {

    private static final Path DOC = Path.of("..", "docs", "worker.md");
    private static final List<String> COMMON = List.of("--broker", "--backend", "--loglevel");

    @Test
    void theSubcommandsThatTakeTheCommonOptionsAreTheOnesTheDocNames() throws IOException {
        List<String> withAll = new ArrayList<>();
        List<String> withNone = new ArrayList<>();
        collect(ChardCommand.commandLine(), "", withAll, withNone);
        assertEquals(List.of("alive", "dead"), withNone.stream().sorted().toList(), "subcommands without the common options");
        assertEquals(new TreeSet<>(List.of("worker", "call", "result", "dead list", "dead requeue")), new TreeSet<>(withAll));
        String doc = Files.readString(DOC).replaceAll("\\s+", " ");
        assertTrue(doc.contains("The subcommands that talk to Redis, `worker`, `call`, `result`, `dead list` and `dead requeue`,"
                + " also take these common options; `alive`, which reads only a file, and `dead` itself"), "docs/worker.md's sentence");
    }

    /** Every subcommand has all three common options or none of them. */
    private static void collect(CommandLine cl, String prefix, List<String> withAll, List<String> withNone) {
        for (Map.Entry<String, CommandLine> e : cl.getSubcommands().entrySet()) {
            String name = prefix + e.getKey();
            long has = COMMON.stream().filter(o -> e.getValue().getCommandSpec().findOption(o) != null).count();
            if (has == COMMON.size()) {
                withAll.add(name);
            } else if (has == 0) {
                withNone.add(name);
            } else {
                throw new AssertionError(name + " takes some of the common options only");
            }
            collect(e.getValue(), name + " ", withAll, withNone);
        }
    }

    @Test
    void theExitCodeTableGivesTheCodeEachErrorExitsWith() throws IOException {
        RedisUrl url = new RedisUrl("localhost", 6379, 0, null, null, false);
        Map<String, Throwable> errors = new LinkedHashMap<>();
        errors.put("03013", ClientErrors.unreachable(url, "chard.broker.url", Duration.ofSeconds(2), new JedisConnectionException("refused")));
        errors.put("03011", ClientErrors.backendUnavailable("t1", url, Duration.ofSeconds(2), new JedisConnectionException("timed out")));
        errors.put("04014", thrownBy(() -> RedisVersion.require("5.0.7")));
        errors.put("03002", ClientErrors.resultsDisabled("t1"));
        errors.put("04006", WorkerErrors.noClasses(Path.of("app.jar"), List.of()));
        errors.put("04007", WorkerErrors.waitTimedOut("t1", Duration.ofSeconds(1), "PENDING"));
        errors.put("04008", WorkerErrors.unexpected(new IllegalStateException("bug")));
        Map<String, Integer> rows = exitCodeRows();
        for (Map.Entry<String, Throwable> e : errors.entrySet()) {
            assertTrue(e.getValue().getMessage().contains("CHARD-" + e.getKey()), e.getValue().getMessage());
            Integer documented = rows.get(e.getKey());
            assertTrue(documented != null, "CHARD-" + e.getKey() + " is in no row of docs/worker.md's exit-code table");
            assertEquals(documented, Failures.exitCode(e.getValue()), "exit code of CHARD-" + e.getKey());
        }
        // an error reply of the backend (a database out of range, NOPERM) is Redis refusing the command: exit 5 as well
        assertEquals(ExitCode.BROKER_UNAVAILABLE.code(),
                Failures.exitCode(ClientErrors.backendUnavailable("t1", url, Duration.ofSeconds(2), new JedisDataException("ERR"))));
        assertTrue(!rows.containsKey("04004") || rows.get("04004") != ExitCode.BOOT.code(), "CHARD-04004 never exits 4");
    }

    /** The 5-digit codes each row of the exit-code table names, to its exit code; a code named in two rows keeps the last. */
    private static Map<String, Integer> exitCodeRows() throws IOException {
        String doc = Files.readString(DOC);
        int start = doc.indexOf("## Exit codes");
        String table = doc.substring(start, doc.indexOf("\n## ", start + 1));
        Map<String, Integer> rows = new HashMap<>();
        Matcher row = Pattern.compile("^\\| (\\d) \\|(.*)$", Pattern.MULTILINE).matcher(table);
        while (row.find()) {
            Matcher code = Pattern.compile("\\b(0[1-5]\\d{3})\\b").matcher(row.group(2));
            while (code.find()) {
                if (!row.group(2).contains("`CHARD-" + code.group(1) + "` is no exit code")) {
                    rows.put(code.group(1), Integer.parseInt(row.group(1)));
                }
            }
        }
        return rows;
    }

    private static Throwable thrownBy(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            return e;
        }
        throw new AssertionError("nothing thrown");
    }

    @Test
    void theCallWaitExamplesAreRecordsAsTheCodecWritesThem() throws Exception {
        String doc = Files.readString(DOC);
        int from = doc.indexOf("With `--wait`, stdout gets exactly one line");
        int start = doc.indexOf("```json\n", from) + "```json\n".length();
        String block = doc.substring(start, doc.indexOf("```", start));
        List<String> lines = block.lines().filter(l -> !l.isBlank()).toList();
        assertEquals(2, lines.size(), block);
        Jsonb jsonb = JsonbBuilder.create();
        try {
            ResultCodec codec = new ResultCodec(jsonb);
            for (String line : lines) {
                // decoded and written again, a record comes out byte for byte as printed: no nulls, no retries 0
                assertEquals(line, codec.encode(codec.decode(line)));
            }
        } finally {
            jsonb.close();
        }
    }
}

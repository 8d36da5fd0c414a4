package dev.chard.worker.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import org.junit.jupiter.api.Test;
import dev.chard.engine.serialization.ResultCodec;
import picocli.CommandLine;

/** What docs/worker.md says about the command line: the common options, and the JSON that {@code call --wait} prints. */
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

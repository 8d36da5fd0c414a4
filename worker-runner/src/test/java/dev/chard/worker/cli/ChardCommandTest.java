package dev.chard.worker.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;

class ChardCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = ChardCommand.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(DefaultSubcommand.apply(args));
    }

    @Test
    void helpExitsZeroAndListsTheSubcommands() {
        assertEquals(0, run("--help"));
        assertTrue(out.toString().contains("worker") && out.toString().contains("call") && out.toString().contains("result"), out.toString());
    }

    @Test
    void everySubcommandHasHelp() {
        for (String sub : new String[]{"worker", "call", "result", "dead", "alive"}) {
            assertEquals(0, run(sub, "--help"), sub);
        }
        assertTrue(out.toString().contains("--concurrency") && out.toString().contains("--countdown"), out.toString());
    }

    @Test
    void versionExitsZeroAndPrintsTheVersion() {
        assertEquals(0, run("--version"));
        assertTrue(out.toString().startsWith("chard 0."), out.toString());
    }

    @Test
    void usageErrorsExitTwo() {
        assertEquals(2, run(), "no subcommand");
        assertEquals(2, run("worker"), "-A is required");
        assertEquals(2, run("worker", "-A", "x.jar", "--bogus"), "unknown option");
        assertEquals(2, run("worker", "-A", "x.jar", "-l", "chatty"), "unknown level");
        assertEquals(2, run("worker", "-A", "x.jar", "-c", "0"), "concurrency below 1");
        assertEquals(2, run("call"), "task name is required");
        assertEquals(2, run("call", "t", "--args", "{\"not\": \"an array\"}"), "--args must be an array");
        assertEquals(2, run("call", "t", "--priority", "12"), "priority out of range");
        assertEquals(2, run("call", "t", "--countdown", "soon"), "countdown not a duration");
        assertEquals(2, run("result"), "id is required");
        assertTrue(err.toString().contains("CHARD-04016: --args '{\"not\": \"an array\"}' is not a JSON array"), err.toString());
    }

    @Test
    void argsThatAreNotJsonAreACodedUsageErrorNotAnInternalError() {
        assertEquals(2, run("call", "web.add", "--args", "not json"));
        String e = err.toString();
        assertTrue(e.startsWith("CHARD-04016: --args 'not json' is not a JSON array (Unexpected char"), e);
        assertTrue(e.contains("nothing was sent") && e.contains("--args '[4, 5]'"), e);
        assertFalse(e.contains("Internal error"), e);
    }

    @Test
    void aBadBrokerUrlGivenWithBrokerNamesTheOptionAsItsSource() {
        try {
            assertEquals(3, run("call", "web.add", "--broker", "redis://localhost:6379/x"));
            assertTrue(err.toString().startsWith("CHARD-02001: chard.broker.url='redis://localhost:6379/x' (from command-line"
                    + " option --broker) is not valid"), err.toString());
        } finally {
            System.clearProperty("chard.broker.url");
        }
    }

    @Test
    void optionsWithoutASubcommandGoToWorker() {
        assertArrayEquals(new String[]{"worker", "-A", "app.jar", "-l", "info"}, DefaultSubcommand.apply(new String[]{"-A", "app.jar", "-l", "info"}));
        assertArrayEquals(new String[]{"--help"}, DefaultSubcommand.apply(new String[]{"--help"}));
        assertArrayEquals(new String[]{"call", "x"}, DefaultSubcommand.apply(new String[]{"call", "x"}));
    }

    @Test
    void aMissingArchiveExitsFourWithItsCode() {
        assertEquals(4, run("-A", "/no/such/app.jar", "-l", "error"));
        assertTrue(err.toString().startsWith("CHARD-04001: cannot open the application archive"), err.toString());
    }
}

package dev.chard.worker.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import dev.chard.engine.Engine;
import dev.chard.worker.logging.LogLevel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code chard result <id>}: Celery's {@code celery result}. Prints the stored record as JSON, or
 * {@code {"id":"...","state":"UNKNOWN"}} for an id with no record; exits 0 either way (the state is the answer).
 */
@Command(name = "result", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Print the result record of a task id as JSON.")
public final class ResultCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Parameters(index = "0", paramLabel = "<task-id>", description = "The task id.")
    String taskId;

    @Override
    public Integer call() {
        common.apply(LogLevel.WARNING);
        try (ClientEngine client = ClientEngine.open()) {
            Engine engine = client.engine();
            String json = engine.backend().read(taskId).map(engine.results()::encode)
                    .orElseGet(() -> "{\"id\":" + jsonString(taskId) + ",\"state\":\"UNKNOWN\"}");
            PrintWriter out = spec.commandLine().getOut();
            out.println(json);
            out.flush();
            return ExitCode.OK.code();
        }
    }

    private static String jsonString(String s) {
        return dev.chard.engine.serialization.JsonValues.string(s).toString();
    }
}

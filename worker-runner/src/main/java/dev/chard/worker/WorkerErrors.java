package dev.chard.worker;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import dev.chard.api.ChardException;
import dev.chard.engine.config.Durations;

/**
 * The worker's errors, codes CHARD-04xxx (start-up and execution) and CHARD-05xxx (messages), each naming
 * what is wrong and what to do. docs/worker.md lists them.
 */
public final class WorkerErrors {

    /** The dead-letter reason prefix of a message that cannot be decoded. */
    public static final String MALFORMED_MESSAGE = "CHARD-05001";
    /** The exception type recorded for a task name no worker knows (no such class needs to exist). */
    public static final String NOT_REGISTERED_TYPE = "dev.chard.api.TaskNotRegistered";

    private WorkerErrors() {
    }

    /** CHARD-04001: the -A path is missing or not a jar, WAR or folder. */
    public static BootException archiveUnreadable(Path path, String why, Throwable cause) {
        return new BootException("CHARD-04001", "cannot open the application archive " + path + ": " + why
                + ". Pass -A a jar, a WAR or a folder of classes.", cause);
    }

    /** CHARD-04002: a bean of the archive injects something nobody provides in Weld SE. */
    public static BootException unsatisfied(String bean, String type, String injectionPoint, Throwable cause) {
        return new BootException("CHARD-04002", "cannot start the application in the worker: bean " + bean + " injects "
                + type + (injectionPoint == null ? "" : " at " + injectionPoint) + " (unsatisfied dependency). The worker runs in"
                + " Weld SE: provide a producer for it in the archive or move the task to a bean that does not need it.", cause);
    }

    /** CHARD-04003: any other deployment or definition error Weld reports. */
    public static BootException deploymentFailed(String weldMessage, Throwable cause) {
        return new BootException("CHARD-04003", "cannot start the application in the worker: " + weldMessage, cause);
    }

    /** CHARD-04004: the message names a task this worker's archive does not declare. */
    public static String notRegistered(String taskName) {
        return "CHARD-04004: task '" + taskName + "' is not registered in this worker";
    }

    /** CHARD-04005: beans.xml turns discovery off, so there can be no task beans. */
    public static BootException discoveryNone(String beansXml) {
        return new BootException("CHARD-04005", beansXml + " declares bean-discovery-mode=\"none\": the archive has no beans,"
                + " so the worker has no tasks to run. Use \"annotated\" (the default) or \"all\".", null);
    }

    /** CHARD-04006: nothing to boot (an empty archive, or --packages matched no class). */
    public static BootException noClasses(Path path, List<String> packages) {
        return new BootException("CHARD-04006", "the application archive " + path + " holds no classes"
                + (packages.isEmpty() ? "" : " in the packages " + String.join(", ", packages))
                + ". Check -A and --packages.", null);
    }

    /** CHARD-04007: {@code call --wait} gave up. */
    public static ChardException waitTimedOut(String taskId, Duration timeout, String state) {
        return new ChardException("CHARD-04007", "task " + taskId + " not ready after " + Durations.seconds(timeout)
                + " (state " + state + "); look it up later with: chard result " + taskId);
    }

    /**
     * CHARD-04016: a JSON option of {@code call} ({@code --args}, {@code --kwargs}) is not JSON of the expected shape; a
     * usage error (exit 2), so nothing was sent.
     */
    public static String badJsonOption(String option, String text, String expected, String why) {
        return "CHARD-04016: " + option + " '" + text + "' is not " + expected + " (" + why + "); nothing was sent."
                + " Quote the JSON for the shell, e.g. " + option + (option.equals("--args") ? " '[4, 5]'" : " '{\"x\": 4}'");
    }

    /** CHARD-04008: a failure nothing else explains; the message keeps the original. */
    public static ChardException unexpected(Throwable t) {
        return new ChardException("CHARD-04008", "unexpected error: " + t, t);
    }

    /** The dead-letter reason of a message that cannot be decoded. */
    public static String malformed(String reason) {
        return MALFORMED_MESSAGE + ": malformed message: " + reason;
    }
}

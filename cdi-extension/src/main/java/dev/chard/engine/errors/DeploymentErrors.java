package dev.chard.engine.errors;

import dev.chard.api.ChardException;
import dev.chard.api.ConfigurationException;
import dev.chard.engine.registry.TaskMethods;

import java.lang.reflect.Method;
import java.lang.reflect.Type;

/**
 * Deployment errors, codes CHARD-01xxx: each names {@code Class#method} and the fix. The extension reports them
 * through the CDI definition-error API, so the deployment (or the worker's start) fails, not the first call.
 */
public final class DeploymentErrors {

    private DeploymentErrors() {
    }

    /** CHARD-01001 */
    public static ChardException unsupportedReturnType(Method m, Type declared, String suggestedT) {
        return new ChardException("CHARD-01001", TaskMethods.display(m) + ": return type " + declared.getTypeName()
                + " is not supported; declare AsyncResult<" + suggestedT + ">, CompletionStage<" + suggestedT + ">, CompletableFuture<"
                + suggestedT + ">, Future<" + suggestedT + "> or void, and return AsyncResult.completed(value) from the body");
    }

    /** CHARD-01002 */
    public static ChardException duplicateName(String name, Method first, Method second) {
        return new ChardException("CHARD-01002", "task name '" + name + "' is used by both " + TaskMethods.display(first)
                + " and " + TaskMethods.display(second) + "; give one of them @AsyncTask(name = \"...\") with a name of its own");
    }

    /** CHARD-01003 */
    public static ChardException notInterceptable(Method m, String why) {
        return new ChardException("CHARD-01003", TaskMethods.display(m) + ": a task method cannot be " + why
                + ", because CDI cannot intercept it; make it a public instance method that is not final");
    }

    /** CHARD-01004 */
    public static ChardException unsupportedParameter(Method m, int index, String name, Type type, String why) {
        return new ChardException("CHARD-01004", TaskMethods.display(m) + ": parameter " + (index + 1) + " (" + name + ") of type "
                + type.getTypeName() + " cannot be sent as JSON: " + why + ". Use a record or a public class with a public no-argument"
                + " constructor, a String, number, boolean, enum, java.time type, or a List/Set/Map of these");
    }

    /** CHARD-01005 */
    public static ChardException invalidAnnotation(Method m, String member, Object value, String rule) {
        return new ChardException("CHARD-01005", TaskMethods.display(m) + ": @AsyncTask(" + member + " = " + value + ") is invalid: " + rule);
    }

    /** CHARD-01007: a per-task configuration override that cannot be read. */
    public static ChardException badTaskSetting(String method, String key, String value, String from, String why) {
        return new ChardException("CHARD-01007", key + "='" + value + "' (from " + from + ") for " + method + " is not valid: "
                + why + ". Fix the value, or remove it to use the @AsyncTask setting.");
    }

    /** CHARD-01008: a result type whose values the caller could not read back unambiguously. */
    public static ChardException ambiguousResult(Method m, Type resultType, String why) {
        return new ChardException("CHARD-01008", TaskMethods.display(m) + ": the result type " + resultType.getTypeName()
                + " cannot be read back as it was returned: " + why);
    }

    /** CHARD-01006: configuration that cannot be read fails the deployment, naming the key. */
    public static ChardException badConfiguration(ConfigurationException e) {
        return new ChardException("CHARD-01006", "Chard cannot start: " + e.getMessage(), e);
    }
}

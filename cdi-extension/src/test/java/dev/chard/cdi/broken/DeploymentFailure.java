package dev.chard.cdi.broken;

import dev.chard.cdi.ChardExtension;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.jboss.weld.exceptions.DefinitionException;
import org.jboss.weld.exceptions.DeploymentException;

import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Boots Weld SE with an explicit list of beans and Chard's extension, expecting the boot to fail. */
public final class DeploymentFailure {

    private final RuntimeException thrown;
    private final String text;

    private DeploymentFailure(RuntimeException thrown) {
        this.thrown = thrown;
        StringBuilder sb = new StringBuilder();
        append(thrown, sb);
        this.text = sb.toString();
    }

    public static DeploymentFailure boot(Class<?>... beans) {
        Weld weld = new Weld("broken-" + UUID.randomUUID()).disableDiscovery().addBeanClasses(beans).addExtension(new ChardExtension());
        try (WeldContainer c = weld.initialize()) {
            fail("the deployment of " + java.util.Arrays.toString(beans) + " should have failed; container " + c.getId() + " started");
            return null;
        } catch (DefinitionException | DeploymentException e) {
            return new DeploymentFailure(e);
        }
    }

    /** Asserts that the failure names {@code code} and {@code Class#method}. */
    public DeploymentFailure names(String code, Class<?> type, String method) {
        return mentions(code).mentions(type.getName() + "#" + method + "(");
    }

    public DeploymentFailure mentions(String fragment) {
        assertTrue(text.contains(fragment), "expected the deployment error to mention '" + fragment + "', it says:\n" + text);
        return this;
    }

    public RuntimeException thrown() {
        return thrown;
    }

    public String text() {
        return text;
    }

    private static void append(Throwable t, StringBuilder sb) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            sb.append(c).append('\n');
            for (Throwable s : c.getSuppressed()) {
                append(s, sb);
            }
        }
    }
}

package dev.chard.cdi.broken.optional;

import dev.chard.cdi.broken.DeploymentFailure;
import org.junit.jupiter.api.Test;

/** An Optional whose empty and present forms would be the same JSON fails the deployment (docs/arguments.md). */
class AmbiguousOptionalTest {

    @Test
    void anOptionalOfAnOptionalParameterFailsTheDeploymentNamingTheParameter() {
        DeploymentFailure.boot(NestedOptionalParameterTask.class)
                .names("CHARD-01004", NestedOptionalParameterTask.class, "remember")
                .mentions("parameter 1 (note)")
                .mentions("Optional.empty() and Optional.of(an empty Optional) are both JSON null");
    }

    @Test
    void aResultHoldingAnOptionalOfAJsonValueFailsTheDeployment() {
        DeploymentFailure.boot(NestedOptionalResultTask.class)
                .names("CHARD-01008", NestedOptionalResultTask.class, "lookup")
                .mentions("java.util.List<java.util.Optional<jakarta.json.JsonValue>>")
                .mentions("Optional.of(JsonValue.NULL) are both JSON null");
    }
}

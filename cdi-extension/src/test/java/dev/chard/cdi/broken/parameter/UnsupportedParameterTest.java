package dev.chard.cdi.broken.parameter;

import dev.chard.cdi.broken.DeploymentFailure;
import org.junit.jupiter.api.Test;

class UnsupportedParameterTest {

    @Test
    void anInputStreamParameterFailsTheDeploymentNamingTheParameter() {
        DeploymentFailure.boot(StreamTask.class)
                .names("CHARD-01004", StreamTask.class, "upload")
                .mentions("parameter 2 (data)")
                .mentions("java.io.InputStream");
    }

    @Test
    void aParameterOfANonPublicClassFailsTheDeployment() {
        DeploymentFailure.boot(HiddenArgumentTask.class)
                .names("CHARD-01004", HiddenArgumentTask.class, "store")
                .mentions("parameter 1 (argument)")
                .mentions("not public");
    }

    @Test
    void aTypeVariableParameterFailsTheDeployment() {
        DeploymentFailure.boot(GenericTask.class)
                .names("CHARD-01004", GenericTask.class, "keep")
                .mentions("type variable T");
    }
}

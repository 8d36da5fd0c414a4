package dev.chard.cdi.broken.notinterceptable;

import dev.chard.cdi.broken.DeploymentFailure;
import org.junit.jupiter.api.Test;

class NotInterceptableTaskTest {

    @Test
    void aStaticTaskMethodFailsTheDeployment() {
        DeploymentFailure.boot(StaticTask.class)
                .names("CHARD-01003", StaticTask.class, "cleanUp")
                .mentions("static");
    }

    @Test
    void aFinalTaskMethodFailsTheDeployment() {
        DeploymentFailure.boot(FinalTask.class)
                .names("CHARD-01003", FinalTask.class, "cleanUp")
                .mentions("final");
    }
}

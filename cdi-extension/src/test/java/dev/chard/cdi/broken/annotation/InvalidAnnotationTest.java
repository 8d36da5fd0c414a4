package dev.chard.cdi.broken.annotation;

import dev.chard.cdi.broken.DeploymentFailure;
import org.junit.jupiter.api.Test;

class InvalidAnnotationTest {

    @Test
    void aPriorityAboveNineFailsTheDeployment() {
        DeploymentFailure.boot(TooHighPriorityTask.class)
                .names("CHARD-01005", TooHighPriorityTask.class, "urgent")
                .mentions("priority = 12");
    }

    @Test
    void aQueueNameWithASpaceFailsTheDeployment() {
        DeploymentFailure.boot(SpacedQueueTask.class)
                .names("CHARD-01005", SpacedQueueTask.class, "close")
                .mentions("\"month end\"");
    }
}

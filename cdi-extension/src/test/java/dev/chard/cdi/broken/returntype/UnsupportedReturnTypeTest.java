package dev.chard.cdi.broken.returntype;

import dev.chard.cdi.broken.DeploymentFailure;
import org.junit.jupiter.api.Test;

class UnsupportedReturnTypeTest {

    @Test
    void aTaskReturningIntFailsTheDeploymentSuggestingAsyncResultOfInteger() {
        DeploymentFailure.boot(IntReturningTask.class)
                .names("CHARD-01001", IntReturningTask.class, "count")
                .mentions("AsyncResult<Integer>");
    }
}

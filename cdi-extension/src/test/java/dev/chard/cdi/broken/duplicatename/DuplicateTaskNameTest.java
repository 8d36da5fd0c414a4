package dev.chard.cdi.broken.duplicatename;

import dev.chard.cdi.broken.DeploymentFailure;
import org.junit.jupiter.api.Test;

class DuplicateTaskNameTest {

    @Test
    void twoMethodsWithTheSameTaskNameFailTheDeploymentNamingBoth() {
        DeploymentFailure.boot(FirstReports.class, SecondReports.class)
                .mentions("CHARD-01002")
                .mentions("'reports.render'")
                .names("CHARD-01002", FirstReports.class, "render")
                .names("CHARD-01002", SecondReports.class, "draw");
    }
}

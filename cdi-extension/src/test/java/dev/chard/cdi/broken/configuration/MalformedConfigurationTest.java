package dev.chard.cdi.broken.configuration;

import dev.chard.cdi.broken.DeploymentFailure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MalformedConfigurationTest {

    @AfterEach
    void clear() {
        System.clearProperty("chard.broker.url");
    }

    @Test
    void aMalformedBrokerUrlFailsTheDeploymentNamingTheKey() {
        System.setProperty("chard.broker.url", "http://localhost:6379/0");
        DeploymentFailure.boot(PlainTask.class)
                .mentions("CHARD-01006")
                .mentions("chard.broker.url");
    }
}

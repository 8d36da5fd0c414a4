package dev.chard.it.payara;

import dev.chard.it.server.AbstractServerIT;
import dev.chard.it.server.ServerSide;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The example WAR in Payara Micro 6 (Arquillian managed; Payara Micro starts one JVM per test class, so this is the
 * only class): the common tests of {@link AbstractServerIT}.
 */
@ExtendWith({ServerSide.class, ArquillianExtension.class})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PayaraMicroIT extends AbstractServerIT {

    @Deployment(name = APP, testable = false)
    static WebArchive app() {
        return ServerSide.war(ServerSide.WAR_NAME);
    }

    /** Payara Micro logs to its console, which the managed container prints on this JVM's System.out. */
    @Override
    protected String serverLog() {
        return ServerSide.console();
    }
}

package dev.chard.it;

import dev.chard.it.app.MathTasks;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.spec.JavaArchive;

/** The client side's bean archive: the same task beans the workers run (chard-cdi-extension comes from the class path). */
final class Deployments {

    private Deployments() {
    }

    static JavaArchive testApp(String name) {
        return ShrinkWrap.create(JavaArchive.class, name + ".jar")
                .addPackage(MathTasks.class.getPackage())
                .addAsManifestResource(EmptyAsset.INSTANCE, "beans.xml");
    }
}

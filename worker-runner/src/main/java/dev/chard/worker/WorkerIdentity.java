package dev.chard.worker;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Who a worker process is. {@code name} (from -n, default {@code chard@<host>}) is what logs and result records
 * show; {@code instanceId} = {@code <name>#<8 random hex>} owns in-flight tasks in Redis
 * (docs/architecture.md, "Ownership"), so that a restarted worker with the same name is a new owner and
 * never mistakes a dead predecessor's tasks for its own.
 */
public record WorkerIdentity(String name, String instanceId) {

    public static WorkerIdentity create(String name) {
        byte[] random = new byte[4];
        ThreadLocalRandom.current().nextBytes(random);
        return new WorkerIdentity(name, name + "#" + HexFormat.of().formatHex(random));
    }
}

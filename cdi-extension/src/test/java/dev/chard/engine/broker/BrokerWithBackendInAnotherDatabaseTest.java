package dev.chard.engine.broker;

import dev.chard.testsupport.RedisServer;

/** (b) Results in another database of the broker's server: written by separate commands, before enqueue and ack. */
class BrokerWithBackendInAnotherDatabaseTest extends WithResultsContractTest {

    private RedisServer server;

    @Override
    protected RawRedis[] startServers() {
        server = RedisServer.start();
        return new RawRedis[] {new RawRedis(server, 0), new RawRedis(server, 3)};
    }

    @Override
    protected RedisServer backendServer() {
        return server;
    }

    @Override
    protected void stopServers() {
        server.close();
    }
}

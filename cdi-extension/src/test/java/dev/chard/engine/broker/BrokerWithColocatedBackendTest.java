package dev.chard.engine.broker;

import dev.chard.testsupport.RedisServer;

/** (a) The usual set-up: results in the broker's own database, written inside the broker's scripts. */
class BrokerWithColocatedBackendTest extends WithResultsContractTest {

    private RedisServer server;

    @Override
    protected RawRedis[] startServers() {
        server = RedisServer.start();
        RawRedis db = new RawRedis(server, 0);
        return new RawRedis[] {db, db};
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

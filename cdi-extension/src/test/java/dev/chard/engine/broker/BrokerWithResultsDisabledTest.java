package dev.chard.engine.broker;

import dev.chard.testsupport.RedisServer;

/** (d) No result backend: the queue contract holds, and no record is written. */
class BrokerWithResultsDisabledTest extends BrokerContractTest {

    private RedisServer server;

    @Override
    protected RawRedis[] startServers() {
        server = RedisServer.start();
        return new RawRedis[] {new RawRedis(server, 0), null};
    }

    @Override
    protected void stopServers() {
        server.close();
    }
}

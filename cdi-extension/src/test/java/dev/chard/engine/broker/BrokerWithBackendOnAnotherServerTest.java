package dev.chard.engine.broker;

import dev.chard.testsupport.RedisServer;

/** (c) Results on a second Redis server. */
class BrokerWithBackendOnAnotherServerTest extends WithResultsContractTest {

    private RedisServer brokerServer;
    private RedisServer backendServer;

    @Override
    protected RawRedis[] startServers() {
        brokerServer = RedisServer.start();
        backendServer = RedisServer.start();
        return new RawRedis[] {new RawRedis(brokerServer, 0), new RawRedis(backendServer, 1)};
    }

    @Override
    protected RedisServer backendServer() {
        return backendServer;
    }

    @Override
    protected void stopServers() {
        try {
            brokerServer.close();
        } finally {
            backendServer.close();
        }
    }
}

package dev.chard.engine.redis;

/** Every script, loaded once per class loader (docs/architecture.md, "Atomic steps"). */
public final class Scripts {

    public static final LuaScript ENQUEUE = LuaScript.load("enqueue");
    public static final LuaScript FETCH = LuaScript.load("fetch");
    public static final LuaScript COMPLETE = LuaScript.load("complete");
    public static final LuaScript STORE = LuaScript.load("store");
    public static final LuaScript HEARTBEAT = LuaScript.load("heartbeat");
    public static final LuaScript HANDBACK = LuaScript.load("handback");
    public static final LuaScript DEADLETTER = LuaScript.load("deadletter");
    public static final LuaScript RETRY = LuaScript.load("retry");
    public static final LuaScript REQUEUE = LuaScript.load("requeue");
    public static final LuaScript LOOKUP = LuaScript.load("lookup");

    private Scripts() {
    }
}

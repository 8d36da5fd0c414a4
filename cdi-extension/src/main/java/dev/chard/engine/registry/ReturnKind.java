package dev.chard.engine.registry;

import dev.chard.api.AsyncResult;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Future;

/** The return types a task method may declare, and how the caller's handle is adapted to each. */
public enum ReturnKind {
    ASYNC_RESULT(AsyncResult.class),
    COMPLETABLE_FUTURE(CompletableFuture.class),
    COMPLETION_STAGE(CompletionStage.class),
    FUTURE(Future.class),
    VOID(void.class);

    private final Class<?> type;

    ReturnKind(Class<?> type) {
        this.type = type;
    }

    public Class<?> type() {
        return type;
    }

    /** The kind for a declared return type, or null when the type is not supported. */
    public static ReturnKind of(Class<?> declared) {
        for (ReturnKind k : values()) {
            if (k.type == declared) {
                return k;
            }
        }
        return null;
    }
}

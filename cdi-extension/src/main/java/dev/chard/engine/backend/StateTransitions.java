package dev.chard.engine.backend;

import dev.chard.api.TaskState;

import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * TaskState's transition table in the form the Lua scripts check it: for each state, the comma-separated states
 * a record may hold before being overwritten with it.
 */
public final class StateTransitions {

    private static final Map<TaskState, String> ALLOWED_BEFORE = new EnumMap<>(TaskState.class);

    static {
        for (TaskState next : TaskState.values()) {
            ALLOWED_BEFORE.put(next, Stream.of(TaskState.values())
                    .filter(s -> s.canMoveTo(next))
                    .map(Enum::name)
                    .collect(Collectors.joining(",")));
        }
    }

    private StateTransitions() {
    }

    public static String allowedBefore(TaskState next) {
        return ALLOWED_BEFORE.get(next);
    }
}

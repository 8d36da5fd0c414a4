package dev.chard.api;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.EnumSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The lifecycle of a task: which states are ready, and the one table of allowed transitions. */
class TaskStateTest {

    private static final Set<TaskState> FINAL = EnumSet.of(TaskState.SUCCESS, TaskState.FAILURE, TaskState.REVOKED);

    @Test
    void onlySuccessFailureAndRevokedAreReady() {
        for (TaskState s : TaskState.values()) {
            assertEquals(FINAL.contains(s), s.isReady(), s.name());
        }
    }

    @ParameterizedTest
    @EnumSource(value = TaskState.class, names = {"SUCCESS", "FAILURE", "REVOKED"})
    void aFinalStateIsLeftOnlyByANewSendWhichWritesPending(TaskState finalState) {
        for (TaskState next : TaskState.values()) {
            assertEquals(next == TaskState.PENDING, finalState.canMoveTo(next), finalState + " -> " + next);
        }
    }

    @ParameterizedTest
    @EnumSource(value = TaskState.class, names = {"PENDING", "RECEIVED", "STARTED", "RETRY"})
    void aStateThatIsNotFinalMayBeWrittenAgain(TaskState s) {
        assertTrue(s.canMoveTo(s), s + " -> " + s + " (a redelivered task is STARTED twice)");
    }

    @ParameterizedTest
    @EnumSource(value = TaskState.class, names = {"UNKNOWN", "PENDING", "RECEIVED", "STARTED", "RETRY"})
    void everyStateThatIsNotFinalMayReachEveryFinalState(TaskState s) {
        for (TaskState f : FINAL) {
            assertTrue(s.canMoveTo(f), s + " -> " + f);
        }
    }

    @Test
    void nothingIsEverWrittenAsUnknownBecauseUnknownMeansNoRecord() {
        for (TaskState s : TaskState.values()) {
            assertFalse(s.canMoveTo(TaskState.UNKNOWN), s + " -> UNKNOWN");
        }
    }

    @Test
    void aNewSendOfTheSameIdMovesAnyStateBackToPending() {
        assertTrue(TaskState.STARTED.canMoveTo(TaskState.PENDING));
        assertTrue(TaskState.RECEIVED.canMoveTo(TaskState.PENDING));
        assertTrue(TaskState.RETRY.canMoveTo(TaskState.PENDING));
        assertTrue(TaskState.UNKNOWN.canMoveTo(TaskState.PENDING));
    }

    @Test
    void everyStateHasARowInTheTable() {
        for (TaskState from : TaskState.values()) {
            for (TaskState to : TaskState.values()) {
                from.canMoveTo(to); // a missing row would throw NullPointerException
            }
        }
    }
}

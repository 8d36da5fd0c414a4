package dev.chard.engine.serialization;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Stack traces printed on a worker and parsed back into frames on the client (no Redis). */
class TracebacksTest {

    static final class Thrower {
        static void fail() {
            throw new IllegalStateException("outer", new ArithmeticException("inner"));
        }
    }

    @Test
    void formatThenParseGivesBackTheFramesOfTheOutermostException() {
        IllegalStateException e;
        try {
            Thrower.fail();
            throw new AssertionError("no exception");
        } catch (IllegalStateException x) {
            e = x;
        }
        StackTraceElement[] original = e.getStackTrace();
        StackTraceElement[] parsed = Tracebacks.parse(Tracebacks.format(e));
        assertEquals(original.length, parsed.length, "frames after 'Caused by:' must not be taken");
        for (int i = 0; i < original.length; i++) {
            assertEquals(original[i].getClassName(), parsed[i].getClassName(), "frame " + i);
            assertEquals(original[i].getMethodName(), parsed[i].getMethodName(), "frame " + i);
            if (original[i].isNativeMethod()) {
                assertTrue(parsed[i].isNativeMethod(), "frame " + i); // printed as "(Native Method)", without a file
            } else {
                assertEquals(original[i].getFileName(), parsed[i].getFileName(), "frame " + i);
                assertEquals(original[i].getLineNumber(), parsed[i].getLineNumber(), "frame " + i);
            }
        }
        assertEquals(Thrower.class.getName(), parsed[0].getClassName());
        assertEquals("fail", parsed[0].getMethodName());
        assertEquals("TracebacksTest.java", parsed[0].getFileName());
    }

    @Test
    void parsingStopsAtCausedBy() {
        String tb = "java.lang.IllegalStateException: outer\n"
                + "\tat dev.example.A.run(A.java:10)\n"
                + "Caused by: java.lang.ArithmeticException: inner\n"
                + "\tat dev.example.B.divide(B.java:20)\n";
        StackTraceElement[] frames = Tracebacks.parse(tb);
        assertEquals(1, frames.length);
        assertEquals("dev.example.A", frames[0].getClassName());
        assertEquals("run", frames[0].getMethodName());
        assertEquals("A.java", frames[0].getFileName());
        assertEquals(10, frames[0].getLineNumber());
    }

    @Test
    void moduleAndLoaderPrefixesNativeAndUnknownSourcesAreUnderstood() {
        String tb = "x\n"
                + "\tat java.base/java.lang.Integer.parseInt(Integer.java:652)\n"
                + "\tat app//dev.example.C.go(C.java:3)\n"
                + "\tat java.base/jdk.internal.reflect.NativeMethodAccessorImpl.invoke0(Native Method)\n"
                + "\tat dev.example.D.lambda$run$0(Unknown Source)\n";
        StackTraceElement[] f = Tracebacks.parse(tb);
        assertEquals(4, f.length);
        assertEquals("java.lang.Integer", f[0].getClassName());
        assertEquals(652, f[0].getLineNumber());
        assertEquals("dev.example.C", f[1].getClassName(), "a named loader's frame: loader//class.method(...)");
        assertEquals(3, f[1].getLineNumber());
        assertTrue(f[2].isNativeMethod());
        assertEquals("lambda$run$0", f[3].getMethodName());
        assertNull(f[3].getFileName());
    }

    @Test
    void noTracebackGivesNoFrames() {
        assertEquals(0, Tracebacks.parse(null).length);
        assertEquals(0, Tracebacks.parse("just a message").length);
    }
}

package dev.chard.engine.serialization;

import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Whether a JSON scalar is exactly a value of a Java number, char or boolean type. JSON-B reads what it is given
 * without a word where a value does not fit (Yasson 3.0: 2147483648 into an int is -2147483648, 1.5 is 1, 1e20 into a
 * long wraps, a number into a char is its first digit, anything but {@code true} into a boolean is false), where the
 * specification's own rule for these types (their parse methods, {@code Integer.parseInt} and the like) would refuse.
 * So Chard refuses them first: a value is accepted only when what JSON-B reads is exactly the JSON's value. Stateless.
 */
final class ScalarFit {

    /** The scalar types checked, with how messages name them. */
    enum Kind {
        BYTE("byte", Byte.MIN_VALUE, Byte.MAX_VALUE), SHORT("short", Short.MIN_VALUE, Short.MAX_VALUE),
        INT("int", Integer.MIN_VALUE, Integer.MAX_VALUE), LONG("long", Long.MIN_VALUE, Long.MAX_VALUE),
        BIG_INTEGER("BigInteger", 0, 0), FLOAT("float", 0, 0), DOUBLE("double", 0, 0), CHAR("char", 0, 0),
        BOOLEAN("boolean", 0, 0);

        final String primitiveName;
        final BigDecimal min;
        final BigDecimal max;

        Kind(String primitiveName, long min, long max) {
            this.primitiveName = primitiveName;
            this.min = BigDecimal.valueOf(min);
            this.max = BigDecimal.valueOf(max);
        }

        boolean bounded() {
            return this == BYTE || this == SHORT || this == INT || this == LONG;
        }
    }

    private ScalarFit() {
    }

    /**
     * Null when JSON-B reads {@code v} into {@code kind} exactly (or refuses it itself); else why not, in words that
     * name the JSON value and {@code typeName}. {@code v} is not JSON null (the caller knows whether null is allowed).
     */
    static String problem(JsonValue v, Kind kind, String typeName) {
        return switch (kind) {
            case CHAR -> charProblem(v, typeName);
            case BOOLEAN -> booleanProblem(v, typeName);
            default -> numberProblem(v, kind, typeName);
        };
    }

    private static String numberProblem(JsonValue v, Kind kind, String typeName) {
        BigDecimal value;
        if (v instanceof JsonNumber n) {
            value = n.bigDecimalValue();
        } else if (v instanceof JsonString s) {
            // JSON-B reads a string holding a number too; one that holds none is refused here with a clearer word
            try {
                value = new BigDecimal(s.getString());
            } catch (NumberFormatException e) {
                return describe(v) + " is not a number, which " + article(typeName) + " must be";
            }
        } else {
            return describe(v) + " is not a number, which " + article(typeName) + " must be";
        }
        if (kind == Kind.FLOAT || kind == Kind.DOUBLE) {
            return floatingProblem(v, value, kind == Kind.FLOAT, typeName);
        }
        if (!isWhole(value)) {
            return describe(v) + " is not a whole number, which " + article(typeName) + " must be (it is refused, never rounded)";
        }
        if (kind.bounded() && (value.compareTo(kind.min) < 0 || value.compareTo(kind.max) > 0)) {
            return describe(v) + " does not fit " + article(typeName) + " (" + kind.min + " to " + kind.max
                    + "; it is refused, never wrapped)";
        }
        return null;
    }

    static boolean isWhole(BigDecimal value) {
        return value.signum() == 0 || value.scale() <= 0 || value.stripTrailingZeros().scale() <= 0;
    }

    /**
     * A float or double holds a JSON number when the number is that value written to as many digits as the number has:
     * among the decimals of its length that read back as the value, the nearest to it. That takes Java's spelling (what
     * JSON-B writes), the shortest one (what JavaScript, Python and Go write) and the exact binary value, so 0.1 and
     * 0.30000000000000004 fit a double; 2^53 + 1, which would be read as 2^53, and 1e-400, which would be 0, do not.
     */
    private static String floatingProblem(JsonValue v, BigDecimal value, boolean isFloat, String typeName) {
        double d = isFloat ? value.floatValue() : value.doubleValue();
        if (Double.isInfinite(d)) {
            return describe(v) + " is beyond the range of " + article(typeName) + " (at most "
                    + (isFloat ? Float.MAX_VALUE : Double.MAX_VALUE) + " either way)";
        }
        String written = isFloat ? Float.toString((float) d) : Double.toString(d);
        if (value.compareTo(new BigDecimal(written)) == 0 || isNearestOfItsLength(value, d, isFloat)) {
            return null;
        }
        return describe(v) + " cannot be held exactly by " + article(typeName) + " (it would be read as " + written
                + "; it is refused, never rounded)";
    }

    /**
     * Whether {@code value}, which reads as {@code d}, is the decimal nearest to d's exact value among those with as
     * many significant digits as it has that also read as d. The nearest ones are the two that bracket the exact value.
     */
    private static boolean isNearestOfItsLength(BigDecimal value, double d, boolean isFloat) {
        BigDecimal exact = new BigDecimal(d);
        int digits = value.stripTrailingZeros().precision();
        BigDecimal below = exact.round(new MathContext(digits, RoundingMode.FLOOR));
        BigDecimal above = exact.round(new MathContext(digits, RoundingMode.CEILING));
        boolean belowOk = readsAs(below, d, isFloat);
        boolean aboveOk = readsAs(above, d, isFloat);
        int nearer = exact.subtract(below).compareTo(above.subtract(exact));
        return belowOk && (!aboveOk || nearer <= 0) && value.compareTo(below) == 0
                || aboveOk && (!belowOk || nearer >= 0) && value.compareTo(above) == 0;
    }

    private static boolean readsAs(BigDecimal decimal, double d, boolean isFloat) {
        return isFloat ? decimal.floatValue() == (float) d : decimal.doubleValue() == d;
    }

    private static String charProblem(JsonValue v, String typeName) {
        if (v instanceof JsonString s) {
            return s.getString().length() == 1 ? null
                    : describe(v) + " is not one character, which " + article(typeName) + " must be (it is refused, never cut)";
        }
        return describe(v) + " is not a one-character string, which " + article(typeName) + " must be";
    }

    private static String booleanProblem(JsonValue v, String typeName) {
        if (v.getValueType() == JsonValue.ValueType.TRUE || v.getValueType() == JsonValue.ValueType.FALSE) {
            return null;
        }
        // JSON-B reads a string with Boolean.parseBoolean: "true" in any case is true, every other text false
        if (v instanceof JsonString s && (s.getString().equalsIgnoreCase("true") || s.getString().equalsIgnoreCase("false"))) {
            return null;
        }
        return describe(v) + " is not true or false, which " + article(typeName) + " must be";
    }

    /** How messages name a JSON value: its kind, and the value itself when short. */
    static String describe(JsonValue v) {
        return switch (v.getValueType()) {
            case NUMBER -> "the JSON number " + abbreviate(v.toString());
            case STRING -> "the JSON string " + abbreviate(v.toString());
            case TRUE, FALSE -> "the JSON " + v;
            case NULL -> "JSON null";
            case ARRAY -> "a JSON array";
            case OBJECT -> "a JSON object";
        };
    }

    static String article(String typeName) {
        return ("aeiouAEIOU".indexOf(typeName.charAt(0)) >= 0 ? "an " : "a ") + typeName;
    }

    static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }
}

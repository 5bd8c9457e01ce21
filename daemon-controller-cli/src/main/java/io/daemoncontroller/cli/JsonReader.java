package io.daemoncontroller.cli;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads JSON text (RFC 8259) into plain Java values: an object is a {@code Map<String, Object>} in document order, an
 * array a {@code List<Object>}, a string a {@code String}, an integral number a {@code Long} (a {@code BigDecimal}
 * otherwise), {@code true}/{@code false} a {@code Boolean} and {@code null} {@code null}. Enough for what the
 * {@code daemons} endpoint answers; a JSON library would be the jar's only dependency.
 */
final class JsonReader {

    private final String text;

    private int position;

    private JsonReader(String text) {
        this.text = text;
    }

    /** The value {@code text} holds; throws {@link IllegalArgumentException} saying where it is not JSON. */
    static Object read(String text) {
        JsonReader reader = new JsonReader(text);
        Object value = reader.value();
        reader.skipWhitespace();
        if (reader.position < text.length()) {
            throw reader.error("end of input");
        }
        return value;
    }

    private Object value() {
        skipWhitespace();
        if (position >= text.length()) {
            throw error("a value");
        }
        char next = text.charAt(position);
        return switch (next) {
            case '{' -> object();
            case '[' -> array();
            case '"' -> string();
            case 't' -> literal("true", Boolean.TRUE);
            case 'f' -> literal("false", Boolean.FALSE);
            case 'n' -> literal("null", null);
            default -> number();
        };
    }

    private Map<String, Object> object() {
        Map<String, Object> object = new LinkedHashMap<>();
        position++;
        skipWhitespace();
        if (consume('}')) {
            return object;
        }
        do {
            skipWhitespace();
            if (position >= text.length() || text.charAt(position) != '"') {
                throw error("a member name in quotes");
            }
            String name = string();
            skipWhitespace();
            expect(':');
            object.put(name, value());
            skipWhitespace();
        } while (consume(','));
        expect('}');
        return object;
    }

    private List<Object> array() {
        List<Object> array = new ArrayList<>();
        position++;
        skipWhitespace();
        if (consume(']')) {
            return array;
        }
        do {
            array.add(value());
            skipWhitespace();
        } while (consume(','));
        expect(']');
        return array;
    }

    private String string() {
        StringBuilder string = new StringBuilder();
        position++;
        while (position < text.length()) {
            char next = text.charAt(position++);
            if (next == '"') {
                return string.toString();
            }
            if (next == '\\') {
                string.append(escaped());
            } else if (next < 0x20) {
                position--;
                throw error("no control character in a string");
            } else {
                string.append(next);
            }
        }
        throw error("the closing quote of a string");
    }

    private char escaped() {
        if (position >= text.length()) {
            throw error("an escape");
        }
        char escape = text.charAt(position++);
        return switch (escape) {
            case '"', '\\', '/' -> escape;
            case 'b' -> '\b';
            case 'f' -> '\f';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'u' -> unicodeEscape();
            default -> {
                position--;
                throw error("an escape such as \\n or \\u0041");
            }
        };
    }

    private char unicodeEscape() {
        if (position + 4 > text.length()) {
            throw error("four hex digits");
        }
        try {
            char decoded = (char) Integer.parseInt(text.substring(position, position + 4), 16);
            position += 4;
            return decoded;
        } catch (NumberFormatException ex) {
            throw error("four hex digits");
        }
    }

    private Object number() {
        int start = position;
        while (position < text.length() && "+-0123456789.eE".indexOf(text.charAt(position)) >= 0) {
            position++;
        }
        String number = text.substring(start, position);
        try {
            BigDecimal decimal = new BigDecimal(number);
            boolean integral = number.indexOf('.') < 0 && number.indexOf('e') < 0 && number.indexOf('E') < 0;
            return integral ? (Object) decimal.longValueExact() : decimal;
        } catch (NumberFormatException | ArithmeticException ex) {
            position = start;
            throw error("a value");
        }
    }

    private Object literal(String literal, Object value) {
        if (!text.startsWith(literal, position)) {
            throw error("a value");
        }
        position += literal.length();
        return value;
    }

    private boolean consume(char expected) {
        if (position < text.length() && text.charAt(position) == expected) {
            position++;
            return true;
        }
        return false;
    }

    private void expect(char expected) {
        if (!consume(expected)) {
            throw error("'" + expected + "'");
        }
    }

    private void skipWhitespace() {
        while (position < text.length() && " \t\r\n".indexOf(text.charAt(position)) >= 0) {
            position++;
        }
    }

    private IllegalArgumentException error(String expected) {
        String found = position < text.length() ? "'" + text.charAt(position) + "'" : "the end";
        return new IllegalArgumentException("Not JSON: expected " + expected + " at offset " + position + ", found "
                + found);
    }
}

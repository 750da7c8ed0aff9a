package org.threadlanes.trace;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Brings the free-form parts of a trace ({@code settings}, {@code result}, {@code deadlock}) to the one shape a JSON
 * reader gives back: maps with string keys, lists, strings, booleans, {@code Long} for whole numbers and
 * {@code Double} for the others. Without it a lesson's {@code Map<String, Integer>} result would not equal the
 * {@code Map<String, Long>} read back from its file.
 */
final class PlainData {
    private PlainData() {
    }

    /**
     * The plain, unmodifiable form of {@code value}.
     *
     * @param what names the value in the error message
     * @throws IllegalArgumentException if it holds something other than plain data
     */
    static Object normalize(Object value, String what) {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Long) {
            return value;
        }
        if (value instanceof Double || value instanceof Float || value instanceof BigDecimal) {
            double d = ((Number) value).doubleValue();
            // JSON has no NaN or infinity: written as strings they would not read back as numbers.
            if (!Double.isFinite(d)) throw new IllegalArgumentException(what + " must be a finite number, not " + d);
            return d;
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof BigInteger b) {
            return b.bitLength() < 64 ? (Object) b.longValue() : (Object) b.doubleValue();
        }
        if (value instanceof Character || value instanceof Enum<?>) {
            return value.toString();
        }
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                String key = String.valueOf(e.getKey());
                out.put(key, normalize(e.getValue(), what + "." + key));
            }
            return Collections.unmodifiableMap(out);
        }
        if (value instanceof Collection<?> c) {
            List<Object> out = new ArrayList<>(c.size());
            for (Object o : c) out.add(normalize(o, what + "[" + out.size() + "]"));
            return Collections.unmodifiableList(out);
        }
        if (value instanceof Object[] a) {
            return normalize(Arrays.asList(a), what);
        }
        throw new IllegalArgumentException(what + " must be plain data (maps, lists, strings, numbers, booleans), not "
                + value.getClass().getName());
    }

    /** {@link #normalize} for a map, such as the settings. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> normalizeMap(Map<String, ?> map, String what) {
        return map == null ? Map.of() : (Map<String, Object>) normalize(map, what);
    }
}

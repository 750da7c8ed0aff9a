package org.threadlanes.ui.app;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A lesson's result as a student reads it in the narrow lesson panel: one {@code name: value} per line, nested
 * results indented, short lists on one line, and True, False and None as the course's Python writes them. (The CLI
 * prints the same result as JSON, for scripts.)
 *
 * <pre>
 *   {"permits":2,"maxInside":2}          permits: 2
 *                                        maxInside: 2
 *   {"roundOne":{"task(0)":"done: 0"}}   roundOne:
 *                                          task(0): done: 0
 *   [0,10,20,30,40]                      [0, 10, 20, 30, 40]
 *   [{"url":"/a","links":2}]             - url: /a
 *                                          links: 2
 * </pre>
 */
final class ResultOutline {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INDENT = "  ";

    private ResultOutline() {
    }

    /** The outline of a result; a value Jackson cannot take apart shows as its {@code toString()}. */
    static String of(Object result) {
        JsonNode tree;
        try {
            tree = JSON.valueToTree(result);
        } catch (IllegalArgumentException e) {
            return String.valueOf(result);
        }
        if (tree == null || tree.isNull()) return "None";
        if (!tree.isObject() && !(tree.isArray() && !flat(tree))) return inline(tree);
        List<String> lines = new ArrayList<>();
        block(tree, "", lines);
        return String.join("\n", lines);
    }

    private static void block(JsonNode node, String indent, List<String> lines) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                entry(e.getKey() + ":", e.getValue(), indent, lines);
            }
        } else {
            for (JsonNode item : node) entry("-", item, indent, lines);
        }
    }

    private static void entry(String head, JsonNode value, String indent, List<String> lines) {
        if (head.equals("-") && value.isObject() && !value.isEmpty()) {
            // A list item that is a record: its first field on the dash's line, as YAML writes it.
            List<String> fields = new ArrayList<>();
            block(value, indent + INDENT, fields);
            fields.set(0, indent + "- " + fields.get(0).substring(indent.length() + INDENT.length()));
            lines.addAll(fields);
        } else if (nested(value)) {
            lines.add(indent + head);
            block(value, indent + INDENT, lines);
        } else {
            lines.add(indent + head + " " + inline(value));
        }
    }

    /** Whether a value needs lines of its own: a non-empty object, or a list holding one. */
    private static boolean nested(JsonNode v) {
        return (v.isObject() && !v.isEmpty()) || (v.isArray() && !flat(v));
    }

    private static boolean flat(JsonNode array) {
        for (JsonNode item : array) if (item.isContainerNode() && !item.isEmpty()) return false;
        return true;
    }

    private static String inline(JsonNode v) {
        if (v.isTextual()) return v.asText();
        if (v.isNull()) return "None";
        if (v.isArray()) {
            List<String> items = new ArrayList<>();
            for (JsonNode item : v) items.add(inline(item));
            return "[" + String.join(", ", items) + "]";
        }
        if (v.isObject()) return "{}";
        // The course is in Python, and its expected outcomes say True and False.
        if (v.isBoolean()) return v.booleanValue() ? "True" : "False";
        return v.asText();
    }
}

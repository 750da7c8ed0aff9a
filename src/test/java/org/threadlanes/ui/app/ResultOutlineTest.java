package org.threadlanes.ui.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** A lesson's result reads as lines of "name: value", not as JSON squeezed into a narrow panel. */
class ResultOutlineTest {
    @Test
    void aMapIsOneNameAndValuePerLine() {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("permits", 2);
        r.put("maxInside", 2);
        r.put("ok", true);
        r.put("name", "hello");
        assertEquals("permits: 2\nmaxInside: 2\nok: True\nname: hello", ResultOutline.of(r));
    }

    @Test
    void nestedResultsAreIndentedAndShortListsStayOnOneLine() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("task(0)", "done: 0");
        inner.put("task(1)", "cancelled");
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("roundOne", inner);
        r.put("cancelled", List.of(false, true));
        r.put("empty", Map.of());
        assertEquals("roundOne:\n  task(0): done: 0\n  task(1): cancelled\ncancelled: [False, True]\nempty: {}",
                ResultOutline.of(r));
    }

    @Test
    void aListOrAValueIsShownInline() {
        assertEquals("[0, 10, 20, 30, 40]", ResultOutline.of(List.of(0, 10, 20, 30, 40)));
        assertEquals("25", ResultOutline.of(25));
        assertEquals("done", ResultOutline.of("done"));
        assertEquals("None", ResultOutline.of(null));
    }

    @Test
    void aListOfMapsIsALineOfItsOwnPerItem() {
        assertEquals("- url: /a\n  links: 2\n- url: /b\n  links: 0",
                ResultOutline.of(List.of(ordered("url", "/a", "links", 2), ordered("url", "/b", "links", 0))));
    }

    private static Map<String, Object> ordered(String k1, Object v1, String k2, Object v2) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(k1, v1);
        m.put(k2, v2);
        return m;
    }
}

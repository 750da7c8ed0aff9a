package org.threadlanes.ui.code;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import org.threadlanes.trace.ThreadRef;

/** ThreadColors: indices by first appearance, slots that wrap, and a stylesheet that defines every slot. */
class ThreadColorsTest {

    /** Threads get indices in order of first appearance, and keep them; a ref with the same id is the same thread. */
    @Test
    void indexFollowsFirstAppearance() {
        ThreadColors c = new ThreadColors();
        assertEquals(0, c.indexOf(new ThreadRef(7, "main", "main")));
        assertEquals(1, c.indexOf(new ThreadRef(3, "worker-1", "worker")));
        assertEquals(0, c.indexOf(new ThreadRef(7, "renamed", "main")));
        assertEquals(1, c.peek(3));
        assertEquals(-1, c.peek(99));
        assertEquals(2, c.size());
        c.clear();
        assertEquals(-1, c.peek(7));
        assertEquals(0, c.indexOf(new ThreadRef(3, "worker-1", "worker")), "after a reset the first seen is 0 again");
    }

    /** The ninth thread shares the first one's colour; the class and variable names follow the slot. */
    @Test
    void slotsWrapAround() {
        assertEquals("tl-thread-0", ThreadColors.styleClass(0));
        assertEquals("tl-thread-7", ThreadColors.styleClass(7));
        assertEquals("tl-thread-0", ThreadColors.styleClass(ThreadColors.SLOTS));
        assertEquals("-tl-thread-color-2", ThreadColors.colorVariable(10));
        assertTrue(ThreadColors.isColorClass("tl-thread-5"));
        assertFalse(ThreadColors.isColorClass("thread-chip"));
        assertThrows(IllegalArgumentException.class, () -> ThreadColors.styleClass(-1));
    }

    /** The stylesheet defines every slot's colour, tint and text colour, and a rule for every slot class. */
    @Test
    void stylesheetDefinesEverySlot() throws IOException {
        String css;
        try (InputStream in = new URL(ThreadColors.STYLESHEET).openStream()) {
            css = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        for (int i = 0; i < ThreadColors.SLOTS; i++) {
            assertTrue(css.contains(ThreadColors.colorVariable(i) + ":"), "slot " + i);
            assertTrue(css.contains(ThreadColors.colorVariable(i) + "-tint:"), "tint " + i);
            assertTrue(css.contains(ThreadColors.colorVariable(i) + "-text:"), "text " + i);
            assertTrue(css.contains("." + ThreadColors.styleClass(i) + " {"), "class " + i);
        }
    }
}

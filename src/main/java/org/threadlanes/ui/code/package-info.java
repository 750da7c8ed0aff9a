/**
 * The code panel and the lesson panel: a lesson's listing with every live thread's current line lit in the
 * thread's identity colour ({@link org.threadlanes.ui.code.CodePanel}, {@link org.threadlanes.ui.code.ThreadColors}),
 * and the lesson's text beside the lanes ({@link org.threadlanes.ui.code.LessonPanel}). Each view binds to a
 * view-model that holds its state and is testable without a stage. JavaFX thread only; events come in through the
 * app's FX bridge.
 */
package org.threadlanes.ui.code;

/** The JavaFX desktop app: the only package that may touch JavaFX. */
package org.threadlanes.ui;

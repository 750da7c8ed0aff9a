/** Wait-for graph, deadlock detection and run metrics, computed from events and probe state (no JavaFX). */
package org.threadlanes.analysis;

/**
 * The lessons' local web: an HTTP server on 127.0.0.1 ({@link org.threadlanes.scenario.web.LocalWeb}) with a latency
 * per path, a client that never leaves the machine ({@link org.threadlanes.scenario.web.WebClient}), and link
 * extraction for the crawler ({@link org.threadlanes.scenario.web.Links}). No JavaFX, no outside network.
 */
package org.threadlanes.scenario.web;

package org.threadlanes.scenario.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebClientTest {

    /** A host in the reserved .invalid domain fails at once with an UnknownHostException, without asking DNS. */
    @ParameterizedTest
    @ValueSource(strings = {"http://some-made-up-domain.invalid/", "http://NO-SUCH.INVALID/x",
            "http://trailing.dot.invalid./", "http://invalid/"})
    void invalidHostFailsFastAsUnknownHost(String url) {
        UnknownHostException e = assertTimeoutPreemptively(Duration.ofSeconds(2),
                () -> assertThrows(UnknownHostException.class, () -> WebClient.shared().get(URI.create(url))));
        assertTrue(e.getMessage().contains("Name or service not known"), e.getMessage());
    }

    /** Nothing but 127.0.0.1 over http is ever fetched: other hosts and schemes are refused before any traffic. */
    @ParameterizedTest
    @ValueSource(strings = {"http://example.com/", "http://localhost/", "https://127.0.0.1/", "http://10.0.0.1/",
            "ftp://127.0.0.1/"})
    void refusesEverythingButLoopbackHttp(String url) {
        assertTimeoutPreemptively(Duration.ofSeconds(2),
                () -> assertThrows(IllegalArgumentException.class, () -> WebClient.shared().get(URI.create(url))));
    }

    /** The check itself accepts the loopback address. */
    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:1234/page", "HTTP://127.0.0.1/"})
    void acceptsLoopback(String url) throws Exception {
        WebClient.checkHost(URI.create(url));
        assertEquals("127.0.0.1", URI.create(url).getHost());
    }
}

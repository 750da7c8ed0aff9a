package org.threadlanes.scenario.web;

import java.io.IOException;
import java.net.URI;

/** A page answered with a status other than 200, such as 404: Python's {@code requests.HTTPError}. */
public final class HttpStatusException extends IOException {
    private static final long serialVersionUID = 1L;
    private final int status;

    /** A {@code status} answer to a request for {@code uri}. */
    public HttpStatusException(URI uri, int status) {
        super("HTTP " + status + (status == 404 ? " Not Found" : "") + " for " + uri.getPath());
        this.status = status;
    }

    /** The HTTP status code. */
    public int status() {
        return status;
    }
}

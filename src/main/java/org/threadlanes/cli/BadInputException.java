package org.threadlanes.cli;

/** Input the user must fix; the CLI prints its message on one line and exits 2. */
final class BadInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BadInputException(String message) {
        super(message);
    }
}

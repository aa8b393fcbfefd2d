package io.eer.contracts;

/** Bytes that are not a well-formed EER CloudEvent; consumers send them to the dead-letter topic. */
public class MalformedEventException extends RuntimeException {
    public MalformedEventException(String message, Throwable cause) {
        super(message, cause);
    }

    public MalformedEventException(String message) {
        super(message);
    }
}

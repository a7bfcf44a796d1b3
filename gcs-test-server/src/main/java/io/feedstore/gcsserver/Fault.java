package io.feedstore.gcsserver;

import java.time.Duration;
import java.util.Objects;

/** Something that goes wrong with one request, on purpose. */
public sealed interface Fault {

    /** Answer with this error status and JSON error body instead of handling the request. */
    record Status(int code, String reason, String message) implements Fault {
        public Status {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(message, "message");
        }
    }

    /** Wait this long, then handle the request normally (the client may have given up by then). */
    record Delay(Duration duration) implements Fault {
        public Delay {
            Objects.requireNonNull(duration, "duration");
        }
    }

    /** Close the connection without handling the request: nothing changes, the client sees no answer. */
    record DropConnection() implements Fault {}

    /** Handle the request, then close the connection without answering: the change happened, the client never hears. */
    record DropResponse() implements Fault {}

    static Fault unavailable() {
        return new Status(503, "backendError", "Backend Error (injected)");
    }

    static Fault tooManyRequests() {
        return new Status(
                429, "rateLimitExceeded", "The rate of change requests to the object is too high (injected).");
    }

    static Fault internalError() {
        return new Status(500, "internalError", "Internal Error (injected)");
    }

    static Fault forbidden() {
        return new Status(403, "forbidden", "Access denied (injected).");
    }

    static Fault delay(Duration duration) {
        return new Delay(duration);
    }

    static Fault dropConnection() {
        return new DropConnection();
    }

    static Fault dropResponse() {
        return new DropResponse();
    }
}

package io.feedstore.gcsserver;

/**
 * A JSON-API error as Cloud Storage reports it: an HTTP status, a reason the client libraries inspect
 * ({@code conditionNotMet}, {@code notFound}, {@code backendError}, ...) and a message.
 */
final class ApiError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    final int status;
    final String reason;

    ApiError(int status, String reason, String message) {
        super(message, null, false, false);
        this.status = status;
        this.reason = reason;
    }

    static ApiError noSuchObject(String bucket, String name) {
        return new ApiError(404, "notFound", "No such object: " + bucket + "/" + name);
    }

    static ApiError noSuchBucket(String bucket) {
        return new ApiError(404, "notFound", "The specified bucket does not exist.");
    }

    static ApiError preconditionFailed() {
        return new ApiError(412, "conditionNotMet", "At least one of the pre-conditions you specified did not hold.");
    }

    static ApiError badRequest(String message) {
        return new ApiError(400, "invalid", message);
    }
}

package io.feedstore.testkit;

import io.feedstore.domain.store.StoreFailure;
import io.vavr.control.Either;

/** Unwrapping store outcomes in tests: a failure where success was expected fails the test with its message. */
public final class Results {

    private Results() {}

    /** The success, or an {@link AssertionError} naming the failure. */
    public static <T> T right(Either<StoreFailure, T> outcome) {
        if (outcome.isLeft()) {
            StoreFailure failure = outcome.getLeft();
            AssertionError error = new AssertionError("expected success but got " + failure.message());
            if (failure instanceof StoreFailure.IoFailure io) {
                io.cause().forEach(error::initCause);
            }
            throw error;
        }
        return outcome.get();
    }
}

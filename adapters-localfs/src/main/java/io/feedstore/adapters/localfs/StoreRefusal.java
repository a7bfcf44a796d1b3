package io.feedstore.adapters.localfs;

import java.io.IOException;

/** A request the local store refuses for a reason of its own, not because the file system failed. */
final class StoreRefusal extends IOException {
    private static final long serialVersionUID = 1L;

    StoreRefusal(String message) {
        super(message);
    }
}

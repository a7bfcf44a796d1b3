package io.feedstore.domain.store;

import java.time.Instant;
import java.util.Objects;

/** An object's listing entry, when it was created, and the attributes it was created with. */
public record ObjectDetails(ObjectInfo info, Instant created, ObjectAttributes attributes) {

    public ObjectDetails {
        Objects.requireNonNull(info, "info");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(attributes, "attributes");
    }
}

package io.feedstore.testkit;

import io.feedstore.domain.store.Generation;
import io.feedstore.domain.store.ObjectContent;
import io.feedstore.domain.store.ObjectKey;
import java.io.IOException;
import java.util.Objects;

/**
 * Opened content that forwards every call to the content it wraps: the base of the test decorators' content, which
 * override {@link #readFully} to crash, intercept or refuse a range read. {@link #readAll} is not forwarded, so a
 * whole read goes through the decorated {@link #readFully} too.
 */
public abstract class ForwardingObjectContent implements ObjectContent {

    private final ObjectContent delegate;

    protected ForwardingObjectContent(ObjectContent delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    /** The content this one forwards to. */
    protected final ObjectContent delegate() {
        return delegate;
    }

    @Override
    public ObjectKey key() {
        return delegate.key();
    }

    @Override
    public Generation generation() {
        return delegate.generation();
    }

    @Override
    public long size() {
        return delegate.size();
    }

    @Override
    public void readFully(long position, byte[] target, int offset, int length) throws IOException {
        delegate.readFully(position, target, offset, length);
    }

    @Override
    public void close() throws IOException {
        delegate.close();
    }
}

package dev.kaiwa.adapter.storage;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;

/**
 * The ciphertext file as the decrypting channel sees it, remembering whether the file itself failed: the
 * cipher reports failed authentication as an {@link IOException} too, and only this tells them apart.
 */
final class TrackingChannel implements SeekableByteChannel {
    private final SeekableByteChannel delegate;
    private volatile boolean failed;

    TrackingChannel(SeekableByteChannel delegate) {
        this.delegate = requireNonNull(delegate, "delegate is null");
    }

    /** Whether an operation on the file threw. */
    boolean failed() {
        return failed;
    }

    @Override
    public int read(ByteBuffer target) throws IOException {
        try {
            return delegate.read(target);
        }
        catch (IOException e) {
            failed = true;
            throw e;
        }
    }

    @Override
    public int write(ByteBuffer source) throws IOException {
        try {
            return delegate.write(source);
        }
        catch (IOException e) {
            failed = true;
            throw e;
        }
    }

    @Override
    public long position() throws IOException {
        try {
            return delegate.position();
        }
        catch (IOException e) {
            failed = true;
            throw e;
        }
    }

    @Override
    public SeekableByteChannel position(long position) throws IOException {
        try {
            delegate.position(position);
            return this;
        }
        catch (IOException e) {
            failed = true;
            throw e;
        }
    }

    @Override
    public long size() throws IOException {
        try {
            return delegate.size();
        }
        catch (IOException e) {
            failed = true;
            throw e;
        }
    }

    @Override
    public SeekableByteChannel truncate(long size) throws IOException {
        try {
            delegate.truncate(size);
            return this;
        }
        catch (IOException e) {
            failed = true;
            throw e;
        }
    }

    @Override
    public boolean isOpen() {
        return delegate.isOpen();
    }

    @Override
    public void close() throws IOException {
        delegate.close();
    }
}

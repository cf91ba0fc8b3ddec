package io.jenkins.plugins.anyscale.client;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Reads at most a given number of bytes of a stream, and fails (rather than truncating) when there are more. */
final class BoundedInputStream extends FilterInputStream {

    /** The stream holds more than the bound. */
    static final class TooLong extends IOException {
        private static final long serialVersionUID = 1L;

        TooLong(long bound) {
            super("more than " + bound + " bytes");
        }
    }

    private final long bound;
    private long read;

    BoundedInputStream(InputStream in, long bound) {
        super(in);
        this.bound = bound;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            count(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(n);
        count(skipped);
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false; // a reset would make the count wrong
    }

    private void count(long n) throws TooLong {
        read += n;
        if (read > bound) {
            throw new TooLong(bound);
        }
    }
}

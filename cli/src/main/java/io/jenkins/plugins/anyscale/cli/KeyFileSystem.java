package io.jenkins.plugins.anyscale.cli;

import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;
import static java.nio.file.StandardCopyOption.REPLACE_EXISTING;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The steps that make a key file durable, in the order {@link KeyFileSink} takes them: write the key, force it to
 * disk, move the file into place (with {@code --force}), and force the directory, so that after a power loss the
 * directory holds the new file and not, with {@code --force}, the old file with its revoked key. An interface so that
 * tests can see the steps and their order; {@link #REAL} is the only implementation the command line uses.
 */
interface KeyFileSystem {

    KeyFileSystem REAL = new KeyFileSystem() {};

    default void write(SeekableByteChannel channel, byte[] bytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    default void force(SeekableByteChannel channel) throws IOException {
        if (channel instanceof FileChannel file) {
            file.force(true);
        }
    }

    default void move(Path source, Path target) throws IOException {
        Files.move(source, target, ATOMIC_MOVE, REPLACE_EXISTING);
    }

    /**
     * Forces the directory's entries to disk. Where a directory cannot be opened (Windows), there is nothing to force
     * this way, and nothing is done.
     *
     * @throws IOException if the directory was opened but could not be forced
     */
    default void forceDirectory(Path directory) throws IOException {
        FileChannel channel;
        try {
            channel = FileChannel.open(directory, StandardOpenOption.READ);
        } catch (IOException | UnsupportedOperationException e) {
            return;
        }
        try (channel) {
            channel.force(true);
        }
    }
}

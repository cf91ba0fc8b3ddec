package io.jenkins.plugins.anyscale.cli;

import static java.nio.file.StandardOpenOption.CREATE_NEW;
import static java.nio.file.StandardOpenOption.WRITE;

import io.jenkins.plugins.anyscale.client.ApiKey;
import io.jenkins.plugins.anyscale.client.ServiceAccount;
import io.jenkins.plugins.anyscale.client.provisioning.KeyOwner;
import io.jenkins.plugins.anyscale.client.provisioning.KeySinkException;
import io.jenkins.plugins.anyscale.client.provisioning.KeyTarget;
import io.jenkins.plugins.anyscale.client.provisioning.KeyTargetRefusedException;
import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Writes the key, alone and without a newline, to a file that only its owner may read or write.
 *
 * <p>The file is created with those permissions ({@code rw-------}, through the create call itself, so it is never
 * readable by others, not even for an instant) and they are never changed afterwards. A new file is created with
 * {@code CREATE_NEW}, which also refuses a symbolic link in its place. With {@code --force} the key goes to a new
 * temporary file in the same directory, created the same way, which then atomically replaces the old file: a reader
 * sees the old key or the new one, never half a file. The key is forced to disk, and then the directory, before the
 * command says it is there ({@link KeyFileSystem}). On a file system without POSIX permissions (Windows), the file gets
 * its directory's default access, and {@link #reportDelivery} says so.
 */
final class KeyFileSink implements KeyDestination {

    /** With {@code -o json} or {@code yaml}: where the key went, in place of the key itself. */
    static final String KEY_FILE = "key_file";

    private final Path path;
    private final boolean replace;
    private final boolean posix;
    private final KeyReport report;
    private final KeyFileSystem files;

    /** @param replace whether an existing file may be replaced ({@code --force}) */
    KeyFileSink(Path path, boolean replace, KeyReport report) {
        this(path, replace, report, KeyFileSystem.REAL);
    }

    KeyFileSink(Path path, boolean replace, KeyReport report, KeyFileSystem files) {
        this.path = path.toAbsolutePath().normalize();
        this.replace = replace;
        this.posix = this.path.getFileSystem().supportedFileAttributeViews().contains("posix");
        this.report = report;
        this.files = files;
    }

    @Override
    public void checkAccepts(KeyTarget target, KeyOwner owner) {
        Path directory = path.getParent();
        if (directory == null) {
            throw new KeyTargetRefusedException(path + " is not a file: give --key-file the path of a file.");
        }
        if (!Files.isDirectory(directory)) {
            throw new KeyTargetRefusedException("The directory " + directory
                    + " of --key-file does not exist: create it first, or choose another path.");
        }
        if (!Files.isWritable(directory)) {
            throw new KeyTargetRefusedException(
                    "The directory " + directory + " of --key-file is not writable: choose another path.");
        }
        if (Files.isDirectory(path)) {
            throw new KeyTargetRefusedException(path + " is a directory: give --key-file the path of a file.");
        }
        if (!replace && Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            throw new KeyTargetRefusedException(
                    path + " already exists: choose a new file, or add --force to replace it.");
        }
    }

    @Override
    public void store(KeyTarget target, ApiKey key) {
        byte[] secret = key.secret().getBytes(StandardCharsets.UTF_8);
        if (replace) {
            replaceWith(secret);
        } else {
            createWith(secret);
        }
    }

    private void createWith(byte[] secret) {
        boolean created = false;
        try {
            try (SeekableByteChannel channel = Files.newByteChannel(path, EnumSet.of(CREATE_NEW, WRITE), ownerOnly())) {
                created = true;
                write(channel, secret);
            }
            files.forceDirectory(path.getParent());
        } catch (FileAlreadyExistsException e) {
            // Someone else took the path since the check: theirs stays, and this key goes nowhere.
            throw new KeyTargetRefusedException(path + " appeared while the key was being made; it was not touched.");
        } catch (IOException e) {
            if (created && !deleteQuietly(path)) {
                // Left in place, it would also make a retry refuse the path as "taken": say what it is.
                throw new KeySinkException("Writing the API key to " + path + " failed (" + e + "), and the partly"
                        + " written file could not be removed: delete " + path + ".");
            }
            throw new KeySinkException("Writing the API key to " + path + " failed: " + e);
        }
    }

    private void replaceWith(byte[] secret) {
        // Created and written through one channel: reopening it by name would follow whatever another user of a shared
        // directory had put there in the meantime.
        Path temporary = path.resolveSibling("." + path.getFileName() + "." + UUID.randomUUID() + ".tmp");
        boolean created = false;
        try {
            try (SeekableByteChannel channel =
                    Files.newByteChannel(temporary, EnumSet.of(CREATE_NEW, WRITE), ownerOnly())) {
                created = true;
                write(channel, secret);
            }
            files.move(temporary, path);
            created = false;
            files.forceDirectory(path.getParent());
        } catch (IOException e) {
            throw new KeySinkException("Writing the API key to " + path + " failed: " + e);
        } finally {
            if (created) {
                deleteQuietly(temporary);
            }
        }
    }

    private void write(SeekableByteChannel channel, byte[] bytes) throws IOException {
        files.write(channel, bytes);
        files.force(channel); // on disk before the command says it is there
    }

    private FileAttribute<?>[] ownerOnly() {
        return posix
                ? new FileAttribute<?>[] {
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
                }
                : new FileAttribute<?>[0];
    }

    /** Deletes the file if it is there; false if it could not be deleted. */
    private static boolean deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
            return true;
        } catch (IOException ignored) {
            return false; // the write already failed; that error is the one to report
        }
    }

    @Override
    public boolean writesFile() {
        return true;
    }

    @Override
    public String describe(KeyTarget target) {
        return "key file " + path;
    }

    @Override
    public void reportDelivery(ServiceAccount account) {
        if (report.format().structured()) {
            Map<String, Object> document = new LinkedHashMap<>(AccountDict.of(account));
            document.put(KEY_FILE, path.toString());
            StructuredOutput.write(report.format(), report.out(), document);
            return;
        }
        report.printHeadline();
        report.err()
                .println("The API key was written to " + path
                        + (posix
                                ? ", readable only by you."
                                : "; this file system has no POSIX permissions, so the file has its directory's"
                                        + " default access: make sure only you can read it.")
                        + " It will not be shown again.");
    }
}

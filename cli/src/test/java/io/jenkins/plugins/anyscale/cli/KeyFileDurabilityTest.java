package io.jenkins.plugins.anyscale.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.anyscale.client.ApiKey;
import io.jenkins.plugins.anyscale.client.ServiceAccount;
import io.jenkins.plugins.anyscale.client.provisioning.KeyOwner;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The order of the steps that make a key file survive a power loss: with {@code --force}, a rename that is not yet on
 * disk could bring the old file, with its revoked key, back. The steps run for real, on a real directory; the test
 * only records them.
 */
class KeyFileDurabilityTest {

    @TempDir
    Path dir;

    final List<String> steps = new ArrayList<>();

    @Test
    void forceWritesSyncsMovesThenSyncsTheDirectory() throws IOException {
        Path keyFile = Files.writeString(dir.resolve("ci-bot.key"), "the revoked key");

        store(keyFile, true);

        assertThat(steps).containsExactly("write", "force file", "move into " + dir, "force directory " + dir);
        assertThat(Files.readString(keyFile)).isEqualTo("aph0_the_new_key");
    }

    @Test
    void aNewFileIsWrittenSyncedAndItsDirectorySynced() throws IOException {
        Path keyFile = dir.resolve("ci-bot.key");

        store(keyFile, false);

        assertThat(steps).containsExactly("write", "force file", "force directory " + dir);
        assertThat(Files.readString(keyFile)).isEqualTo("aph0_the_new_key");
    }

    @Test
    void theRealDirectorySyncWorksHere() throws IOException {
        KeyFileSystem.REAL.forceDirectory(dir); // no exception on Linux; nothing done where directories cannot open
    }

    private void store(Path keyFile, boolean replace) {
        KeyReport report = new KeyReport(
                OutputFormat.TEXT,
                null,
                Map.of(),
                new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter()));
        KeyFileSink sink = new KeyFileSink(keyFile, replace, report, new RecordingFileSystem());
        sink.checkAccepts(KeyDestination.TARGET, KeyOwner.named("ci-bot"));
        ServiceAccount account = new ServiceAccount("idn_1", "usr_1", "ci-bot", null, null, null);
        sink.store(KeyDestination.TARGET, new ApiKey("aph0_the_new_key", account));
    }

    /** The real steps, recorded in the order they are taken. */
    final class RecordingFileSystem implements KeyFileSystem {

        @Override
        public void write(SeekableByteChannel channel, byte[] bytes) throws IOException {
            KeyFileSystem.REAL.write(channel, bytes);
            steps.add("write");
        }

        @Override
        public void force(SeekableByteChannel channel) throws IOException {
            KeyFileSystem.REAL.force(channel);
            steps.add("force file");
        }

        @Override
        public void move(Path source, Path target) throws IOException {
            KeyFileSystem.REAL.move(source, target);
            steps.add("move into " + target.getParent());
        }

        @Override
        public void forceDirectory(Path directory) throws IOException {
            KeyFileSystem.REAL.forceDirectory(directory);
            steps.add("force directory " + directory);
        }
    }
}

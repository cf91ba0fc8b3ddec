package io.jenkins.plugins.anyscale.cli;

import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code --key-file PATH} and {@code --force}, of the three commands that make a key. */
final class KeyFileOptions {

    /** {@code --key-file -}: standard output, as many command lines read {@code -}. */
    static final String STANDARD_OUTPUT = "-";

    @Option(
            names = "--key-file",
            paramLabel = "PATH",
            description = "Write the new API key to this new file, readable only by you, instead of standard output"
                    + " (- is standard output).")
    String keyFile;

    @Option(names = "--force", description = "With --key-file: replace the file if it exists.")
    boolean force;

    /**
     * Where the key goes: the key file, or standard output.
     *
     * @throws ParameterException if {@code --force} comes without a key file
     */
    KeyDestination destination(CommandSpec spec, KeyReport report) {
        if (keyFile == null || keyFile.equals(STANDARD_OUTPUT)) {
            if (force) {
                throw new ParameterException(
                        spec.commandLine(), "--force only applies to --key-file PATH, a file to replace.");
            }
            return new StdoutKeySink(report);
        }
        if (keyFile.isBlank()) {
            throw new ParameterException(spec.commandLine(), "--key-file must not be empty.");
        }
        Path path;
        try {
            path = Path.of(keyFile);
        } catch (java.nio.file.InvalidPathException e) {
            throw new ParameterException(spec.commandLine(), "--key-file is not a usable path: " + e.getMessage());
        }
        return new KeyFileSink(path, force, report);
    }
}

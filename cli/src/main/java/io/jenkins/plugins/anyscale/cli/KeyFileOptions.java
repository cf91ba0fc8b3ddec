package io.jenkins.plugins.anyscale.cli;

import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code --key-file PATH} and {@code --force}, of the three commands that make a key. */
final class KeyFileOptions {

    @Option(
            names = "--key-file",
            paramLabel = "PATH",
            description = "Write the new API key to this new file, readable only by you, instead of standard output.")
    Path keyFile;

    @Option(names = "--force", description = "With --key-file: replace the file if it exists.")
    boolean force;

    /**
     * Where the key goes: the key file, or standard output.
     *
     * @throws ParameterException if {@code --force} comes without a key file, or {@code --json} would share standard
     *     output with the key
     */
    KeyDestination destination(CommandSpec spec, boolean json) {
        if (keyFile == null) {
            if (force) {
                throw new ParameterException(spec.commandLine(), "--force only applies to --key-file PATH.");
            }
            if (json) {
                throw new ParameterException(
                        spec.commandLine(),
                        "--json prints the account on standard output, where the key would go too:"
                                + " add --key-file PATH for the key.");
            }
            return new StdoutKeySink(
                    spec.commandLine().getOut(), spec.commandLine().getErr());
        }
        return new KeyFileSink(keyFile, force);
    }
}

package io.jenkins.plugins.anyscale.cli;

import java.io.PrintWriter;

/** Writes a result (a map, or a list of maps) on standard output in {@code -o json} or {@code -o yaml}. */
final class StructuredOutput {

    private StructuredOutput() {}

    static void write(OutputFormat format, PrintWriter out, Object value) {
        switch (format) {
            case JSON -> JsonOutput.write(out, value);
            case YAML -> YamlOutput.write(out, value);
            default -> throw new IllegalStateException(format.value() + " is not a structured format");
        }
    }
}

package io.jenkins.plugins.anyscale.cli;

import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * {@code -o yaml}: as Anyscale's CLI prints it, {@code yaml.dump(value, sort_keys=False)}: block style, keys in their
 * order, strings quoted only where YAML needs it, times as Python's {@code str(datetime)} ({@code 2026-11-28
 * 13:01:45.123456+00:00}, a YAML timestamp). Written by jackson-dataformat-yaml; this class is loaded only for {@code -o
 * yaml}, so that the other formats do not pay for starting the YAML library.
 */
final class YamlOutput {

    private YamlOutput() {}

    static void write(PrintWriter out, Object value) {
        StringWriter text = new StringWriter();
        YAMLFactory factory = YAMLFactory.builder()
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                .build();
        try (YAMLGenerator yaml = factory.createGenerator(text)) {
            JsonOutput.writeValue(yaml, value, ' ');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // One line break at the end, as Anyscale's print_output() (rstrip, then echo) leaves it.
        out.println(text.toString().stripTrailing());
    }
}

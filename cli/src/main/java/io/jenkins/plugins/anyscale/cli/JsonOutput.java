package io.jenkins.plugins.anyscale.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * {@code -o json}: as Anyscale's CLI prints it, {@code json.dumps(value, indent=4)} with times as {@code isoformat()}
 * ({@code 2026-11-28T13:01:45.123456+00:00}). The value is a map, a list of maps, or a string.
 */
final class JsonOutput {

    private JsonOutput() {}

    static void write(PrintWriter out, Object value) {
        try (JsonGenerator json = generator(out)) {
            writeValue(json, value, 'T');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.println();
    }

    /**
     * Writes maps, lists, times and strings with any Jackson generator: {@link YamlOutput} walks the value the same way.
     *
     * @param timeSeparator between date and time: {@code 'T'} as Python's {@code isoformat()}, {@code ' '} as its
     *     {@code str()}
     */
    static void writeValue(JsonGenerator json, Object value, char timeSeparator) throws IOException {
        if (value instanceof Map<?, ?> map) {
            json.writeStartObject();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                json.writeFieldName(entry.getKey().toString());
                writeValue(json, entry.getValue(), timeSeparator);
            }
            json.writeEndObject();
        } else if (value instanceof List<?> list) {
            json.writeStartArray();
            for (Object item : list) {
                writeValue(json, item, timeSeparator);
            }
            json.writeEndArray();
        } else if (value instanceof OffsetDateTime time) {
            json.writeString(AccountDict.isoformat(time, timeSeparator));
        } else {
            json.writeString(value.toString());
        }
    }

    private static JsonGenerator generator(PrintWriter out) throws IOException {
        DefaultIndenter indenter = new DefaultIndenter("    ", DefaultIndenter.SYS_LF);
        DefaultPrettyPrinter pretty = new DefaultPrettyPrinter(Separators.createDefaultInstance()
                        .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                        .withObjectEmptySeparator("")
                        .withArrayEmptySeparator(""))
                .withObjectIndenter(indenter)
                .withArrayIndenter(indenter);
        return new JsonFactory()
                .createGenerator(out)
                .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                .setPrettyPrinter(pretty);
    }
}

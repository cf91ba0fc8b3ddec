package io.jenkins.plugins.anyscale.cli;

import java.util.List;
import java.util.Locale;

/**
 * The values of {@code -o/--output}, as Anyscale's CLI names them ({@code anyscale/commands/output_format.py}): {@code
 * text} for people (the default), {@code json} and {@code yaml} for programs, and {@code table} for {@code list}.
 */
enum OutputFormat {
    TEXT,
    JSON,
    YAML,
    TABLE;

    /** What the commands that make a key, and {@code delete}, offer. */
    static final List<OutputFormat> TEXT_JSON_YAML = List.of(TEXT, JSON, YAML);

    /** What {@code list} offers. */
    static final List<OutputFormat> ALL = List.of(values());

    /** The name on the command line: {@code text}, {@code json}, {@code yaml}, {@code table}. */
    String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether this is a format for programs ({@code json}, {@code yaml}) rather than for people. */
    boolean structured() {
        return this == JSON || this == YAML;
    }

    /** The format named {@code value} among {@code offered}, or {@code null}. */
    static OutputFormat named(String value, List<OutputFormat> offered) {
        for (OutputFormat format : offered) {
            if (format.value().equals(value)) {
                return format;
            }
        }
        return null;
    }

    /** Shell completion of {@code -o} with the values every command offers. */
    static final class Values implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return TEXT_JSON_YAML.stream().map(OutputFormat::value).iterator();
        }
    }

    /** Shell completion of {@code list -o}. */
    static final class ListValues implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return ALL.stream().map(OutputFormat::value).iterator();
        }
    }
}

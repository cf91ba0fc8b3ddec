package io.jenkins.plugins.anyscale.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import io.jenkins.plugins.anyscale.client.ServiceAccount;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.List;
import java.util.Locale;

/**
 * {@code --json}: accounts as the Anyscale SDK's {@code ServiceAccount.to_dict()} has them, {@code name},
 * {@code created_at}, {@code permission_level}, {@code email} in that order, absent keys for absent values (its
 * {@code exclude_none}), the permission level in upper case ({@code COLLABORATOR}, the model's enum value) and the
 * time as Python's {@code datetime.isoformat()} writes it ({@code 2026-11-28T13:01:45.123456+00:00}). Indented by
 * two spaces, as {@code json.dumps(..., indent=2)}. Never holds a key.
 */
final class AccountJson {

    /** Python's {@code isoformat()}: microseconds only when not zero, the offset as {@code +HH:MM}, UTC included. */
    static final DateTimeFormatter ISOFORMAT = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd'T'HH:mm:ss")
            .appendFraction(ChronoField.MICRO_OF_SECOND, 6, 6, true)
            .appendOffset("+HH:MM:ss", "+00:00")
            .toFormatter(Locale.ROOT);

    private static final DateTimeFormatter WHOLE_SECONDS = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd'T'HH:mm:ss")
            .appendOffset("+HH:MM:ss", "+00:00")
            .toFormatter(Locale.ROOT);

    private AccountJson() {}

    static void write(PrintWriter out, ServiceAccount account) {
        try (JsonGenerator json = generator(out)) {
            writeAccount(json, account);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.println();
    }

    static void writeList(PrintWriter out, List<ServiceAccount> accounts) {
        try (JsonGenerator json = generator(out)) {
            json.writeStartArray();
            for (ServiceAccount account : accounts) {
                writeAccount(json, account);
            }
            json.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.println();
    }

    /** Python's {@code datetime.isoformat()} of the time, in its own offset. */
    static String isoformat(OffsetDateTime time) {
        return (time.getNano() / 1000 == 0 ? WHOLE_SECONDS : ISOFORMAT).format(time);
    }

    private static void writeAccount(JsonGenerator json, ServiceAccount account) throws IOException {
        json.writeStartObject();
        json.writeStringField("name", account.name());
        if (account.createdAt() != null) {
            json.writeStringField("created_at", isoformat(account.createdAt()));
        }
        if (account.permissionLevel() != null) {
            json.writeStringField("permission_level", account.permissionLevel().name());
        }
        if (account.email() != null) {
            json.writeStringField("email", account.email());
        }
        json.writeEndObject();
    }

    private static JsonGenerator generator(PrintWriter out) throws IOException {
        DefaultIndenter indenter = new DefaultIndenter("  ", DefaultIndenter.SYS_LF);
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

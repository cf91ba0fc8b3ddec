package io.jenkins.plugins.anyscale.cli;

import io.jenkins.plugins.anyscale.client.ServiceAccount;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * An account as the Anyscale SDK's {@code ServiceAccount.to_dict()} has it, what {@code -o json}, {@code -o yaml} and
 * {@code -o table} print: {@code name}, {@code created_at}, {@code permission_level}, {@code email} in that order,
 * absent keys for absent values (its {@code exclude_none}), the permission level as the model's enum value ({@code
 * COLLABORATOR}, {@code OWNER}) and the time as a {@link OffsetDateTime}, which each format writes as Python does.
 */
final class AccountDict {

    /** The keys, in {@code to_dict()}'s order. */
    static final String NAME = "name";

    static final String CREATED_AT = "created_at";
    static final String PERMISSION_LEVEL = "permission_level";
    static final String EMAIL = "email";

    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss", Locale.ROOT);
    private static final DateTimeFormatter MICROS = new DateTimeFormatterBuilder()
            .appendFraction(ChronoField.MICRO_OF_SECOND, 6, 6, true)
            .toFormatter(Locale.ROOT);
    private static final DateTimeFormatter OFFSET =
            new DateTimeFormatterBuilder().appendOffset("+HH:MM:ss", "+00:00").toFormatter(Locale.ROOT);

    private AccountDict() {}

    static Map<String, Object> of(ServiceAccount account) {
        Map<String, Object> dict = new LinkedHashMap<>();
        dict.put(NAME, account.name());
        if (account.createdAt() != null) {
            dict.put(CREATED_AT, account.createdAt());
        }
        if (account.permissionLevel() != null) {
            dict.put(PERMISSION_LEVEL, account.permissionLevel().name());
        }
        if (account.email() != null) {
            dict.put(EMAIL, account.email());
        }
        return dict;
    }

    /**
     * Python's {@code datetime.isoformat(sep)}: microseconds only when not zero, the offset as {@code +HH:MM}, UTC
     * included; {@code sep} is {@code 'T'} in JSON and {@code ' '} where Python prints {@code str(datetime)} (YAML,
     * tables).
     */
    static String isoformat(OffsetDateTime time, char sep) {
        String seconds = SECONDS.format(time);
        if (sep != 'T') {
            seconds = seconds.replace('T', sep);
        }
        return seconds + (time.getNano() / 1000 == 0 ? "" : MICROS.format(time)) + OFFSET.format(time);
    }
}

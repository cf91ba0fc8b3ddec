package io.jenkins.plugins.anyscale.client;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;

/** Lenient ISO-8601 parsing of {@code created_at}: {@code Z} or {@code +00:00} or {@code +0000}, any fraction, no zone meaning UTC. */
final class Timestamps {

    private static final DateTimeFormatter LENIENT = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
            .optionalStart()
            .appendOffset("+HH:MM", "Z")
            .optionalEnd()
            .optionalStart()
            .appendOffset("+HHMM", "Z")
            .optionalEnd()
            .optionalStart()
            .appendOffset("+HH", "Z")
            .optionalEnd()
            .toFormatter();

    private Timestamps() {}

    static OffsetDateTime parse(String text) {
        if (hasIsoOffset(text)) {
            try {
                return OffsetDateTime.parse(text); // the common form, at the cost of the JDK's own parser
            } catch (DateTimeParseException notStrictIso) {
                // fall through to the lenient parser
            }
        }
        String normalized = text.trim();
        if (normalized.length() > 10 && normalized.charAt(10) == ' ') {
            normalized = normalized.substring(0, 10) + 'T' + normalized.substring(11);
        }
        TemporalAccessor parsed = LENIENT.parseBest(normalized, OffsetDateTime::from, LocalDateTime::from);
        if (parsed instanceof OffsetDateTime offsetDateTime) {
            return offsetDateTime;
        }
        return ((LocalDateTime) parsed).atOffset(ZoneOffset.UTC);
    }

    /** {@code ...Z} or {@code ...+hh:mm}: what {@link OffsetDateTime#parse(CharSequence)} takes, cheaply guessed. */
    private static boolean hasIsoOffset(String text) {
        int n = text.length();
        if (n < 20 || text.charAt(10) != 'T') {
            return false;
        }
        char last = text.charAt(n - 1);
        if (last == 'Z') {
            return true;
        }
        char sign = text.charAt(n - 6);
        return (sign == '+' || sign == '-') && text.charAt(n - 3) == ':';
    }
}

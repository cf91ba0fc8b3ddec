package io.jenkins.plugins.anyscale.cli;

import io.jenkins.plugins.anyscale.client.Printable;
import io.jenkins.plugins.anyscale.client.ServiceAccount;
import java.io.PrintWriter;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The two tables of {@code list}, as the newest generation of Anyscale's CLI prints them:
 *
 * <ul>
 *   <li>{@code -o text} (the default): the title {@code Service accounts:}, then the columns NAME, CREATED AT,
 *       ORGANIZATION PERMISSION LEVEL, EMAIL, the date as {@code %m/%d/%Y} in the timestamp's own offset and the
 *       permission level as the model's enum ({@code COLLABORATOR});
 *   <li>{@code -o table}: the {@code to_dict()} keys in upper case as headers (NAME, CREATED_AT, PERMISSION_LEVEL,
 *       EMAIL) and the values as Python prints them, the time as {@code 2026-11-28 13:01:45.123456+00:00}.
 * </ul>
 *
 * Names and emails come from the server, so control characters in them are shown as {@code ?} ({@link Printable}).
 */
final class AccountTable {

    static final String TITLE = "Service accounts:";
    static final List<String> TEXT_HEADERS = List.of("NAME", "CREATED AT", "ORGANIZATION PERMISSION LEVEL", "EMAIL");
    static final List<String> DICT_KEYS =
            List.of(AccountDict.NAME, AccountDict.CREATED_AT, AccountDict.PERMISSION_LEVEL, AccountDict.EMAIL);

    /** {@code created_at.strftime("%m/%d/%Y")}. */
    private static final DateTimeFormatter CREATED_AT = DateTimeFormatter.ofPattern("MM/dd/uuuu", Locale.ROOT);

    private AccountTable() {}

    /** {@code -o text}. */
    static void printText(PrintWriter out, List<ServiceAccount> accounts) {
        List<List<String>> rows = new ArrayList<>(accounts.size());
        for (ServiceAccount account : accounts) {
            rows.add(List.of(
                    Printable.of(account.name()),
                    account.createdAt() == null ? "" : CREATED_AT.format(account.createdAt()),
                    account.permissionLevel() == null
                            ? ""
                            : account.permissionLevel().name(),
                    Printable.of(account.email())));
        }
        out.println(TITLE);
        PlainTable.print(out, TEXT_HEADERS, rows);
    }

    /** {@code -o table}: the same four keys for every account, so the header line is there even for none. */
    static void printDicts(PrintWriter out, List<ServiceAccount> accounts) {
        List<List<String>> rows = new ArrayList<>(accounts.size());
        for (ServiceAccount account : accounts) {
            Map<String, Object> dict = AccountDict.of(account);
            List<String> row = new ArrayList<>(DICT_KEYS.size());
            for (String key : DICT_KEYS) {
                Object value = dict.get(key);
                row.add(
                        value instanceof OffsetDateTime time
                                ? AccountDict.isoformat(time, ' ')
                                : Printable.of((String) value));
            }
            rows.add(row);
        }
        PlainTable.print(
                out, DICT_KEYS.stream().map(key -> key.toUpperCase(Locale.ROOT)).toList(), rows);
    }
}

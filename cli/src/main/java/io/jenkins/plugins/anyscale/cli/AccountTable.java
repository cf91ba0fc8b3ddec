package io.jenkins.plugins.anyscale.cli;

import io.jenkins.plugins.anyscale.client.ServiceAccount;
import java.io.PrintWriter;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The table {@code list} prints: Anyscale's CLI's columns (NAME, CREATED AT, ORGANIZATION ROLE, EMAIL), its date
 * format ({@code 2026/11/28}) and its lower-case roles, left-aligned and padded to the widest cell, without its box
 * drawing so that {@code grep}, {@code awk} and {@code cut} read it.
 */
final class AccountTable {

    static final List<String> HEADERS = List.of("NAME", "CREATED AT", "ORGANIZATION ROLE", "EMAIL");
    static final String GAP = "   ";

    /** Anyscale's CLI prints {@code created_at.strftime("%Y/%m/%d")}, in the timestamp's own offset. */
    private static final DateTimeFormatter CREATED_AT = DateTimeFormatter.ofPattern("uuuu/MM/dd", Locale.ROOT);

    private AccountTable() {}

    static void print(PrintWriter out, List<ServiceAccount> accounts) {
        List<List<String>> rows = new ArrayList<>(accounts.size() + 1);
        rows.add(HEADERS);
        for (ServiceAccount account : accounts) {
            rows.add(List.of(
                    printable(account.name()),
                    account.createdAt() == null ? "" : CREATED_AT.format(account.createdAt()),
                    account.permissionLevel() == null
                            ? ""
                            : account.permissionLevel().name().toLowerCase(Locale.ROOT),
                    printable(account.email())));
        }
        int[] widths = new int[HEADERS.size()];
        for (List<String> row : rows) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        StringBuilder line = new StringBuilder();
        for (List<String> row : rows) {
            line.setLength(0);
            for (int i = 0; i < widths.length; i++) {
                String cell = row.get(i);
                line.append(cell);
                if (i < widths.length - 1) {
                    line.append(" ".repeat(widths[i] - cell.length())).append(GAP);
                }
            }
            out.println(line.toString().stripTrailing());
        }
    }

    /**
     * Names and emails come from the server: control characters (a terminal escape sequence, a newline that would
     * forge a row) are shown as {@code ?}.
     */
    static String printable(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder s = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            s.append(Character.isISOControl(c) ? '?' : c);
        }
        return s.toString();
    }
}

package io.jenkins.plugins.anyscale.cli;

import java.io.PrintWriter;
import java.util.List;

/**
 * A table laid out as Anyscale's CLI lays it out ({@code tabulate(..., tablefmt="plain")}): a header line, then one
 * line per row, left-aligned columns separated by two spaces, each column as wide as its widest cell and at least two
 * wider than its header, and no trailing spaces. No box drawing, so that {@code grep}, {@code awk} and {@code cut} read
 * it. Cells are printed as given: callers make server-supplied text printable first.
 */
final class PlainTable {

    static final String SEPARATOR = "  ";

    /** What tabulate adds to a header's width. */
    static final int HEADER_PADDING = 2;

    private PlainTable() {}

    static void print(PrintWriter out, List<String> headers, List<List<String>> rows) {
        int[] widths = new int[headers.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = headers.get(i).length() + HEADER_PADDING;
            for (List<String> row : rows) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        printLine(out, headers, widths);
        for (List<String> row : rows) {
            printLine(out, row, widths);
        }
    }

    private static void printLine(PrintWriter out, List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < widths.length; i++) {
            if (i > 0) {
                line.append(SEPARATOR);
            }
            String cell = cells.get(i);
            line.append(cell).append(" ".repeat(widths[i] - cell.length()));
        }
        out.println(line.toString().stripTrailing());
    }
}

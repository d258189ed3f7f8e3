package io.celeriac.core.cli.admin;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A plain text table: columns padded to their widest cell, numbers right-aligned, nothing else. */
final class Table {
    private final List<String> headers;
    private final List<String[]> rows = new ArrayList<>();
    private final boolean[] numeric;

    Table(String... headers) {
        this.headers = List.of(headers);
        this.numeric = new boolean[headers.length];
        Arrays.fill(numeric, true);
    }

    Table row(Object... cells) {
        if (cells.length != headers.size()) {
            throw new IllegalArgumentException("a row needs " + headers.size() + " cells, got " + cells.length);
        }
        String[] text = new String[cells.length];
        for (int i = 0; i < cells.length; i++) {
            text[i] = cells[i] == null ? "-" : String.valueOf(cells[i]);
            numeric[i] &= cells[i] == null || cells[i] instanceof Number;
        }
        rows.add(text);
        return this;
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    void print(PrintWriter out) {
        int[] widths = new int[headers.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = headers.get(i).length();
            for (String[] row : rows) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        line(out, headers.toArray(String[]::new), widths);
        rows.forEach(row -> line(out, row, widths));
        out.flush();
    }

    private void line(PrintWriter out, String[] cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            String pad = " ".repeat(widths[i] - cells[i].length());
            line.append(i == 0 ? "" : "  ").append(numeric[i] && !rows.isEmpty() ? pad + cells[i] : cells[i] + pad);
        }
        out.println(line.toString().stripTrailing());
    }
}

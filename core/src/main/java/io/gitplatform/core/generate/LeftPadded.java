package io.gitplatform.core.generate;

import java.util.List;

/**
 * Token rows left-padded to one width, row-major: ids, text positions (0 at each row's first real token, so a row gives
 * what it gives alone) and which positions are real.
 *
 * @param ids       [rows * width]
 * @param positions [rows * width]
 * @param valid     [rows][width]
 */
public record LeftPadded(long[] ids, long[] positions, boolean[][] valid) {

    /** {@code rows} left-padded with {@code pad} to {@code width}, which must be at least the longest row. */
    public static LeftPadded of(List<long[]> rows, int width, long pad) {
        long[] ids = new long[rows.size() * width];
        long[] positions = new long[rows.size() * width];
        boolean[][] valid = new boolean[rows.size()][width];
        for (int r = 0; r < rows.size(); r++) {
            long[] row = rows.get(r);
            int padding = width - row.length;
            for (int t = 0; t < width; t++) {
                boolean real = t >= padding;
                ids[r * width + t] = real ? row[t - padding] : pad;
                positions[r * width + t] = real ? t - padding : 0;
                valid[r][t] = real;
            }
        }
        return new LeftPadded(ids, positions, valid);
    }
}

package io.gitplatform.core.model;

import java.util.List;

/**
 * What one {@link GitModel#decode} pass feeds: T new tokens for each of B rows, row-major.
 *
 * @param ids       token ids [B*T]
 * @param positions text positions [B*T] (0 at each row's first real token, so a row gives what it gives alone)
 * @param valid     [B][T]: false for padding, which is cached but never attended to
 * @param allLogits logits for every position ([B, T, vocab]) rather than each row's last ([B, vocab])
 */
public record DecodeInput(long[] ids, long[] positions, boolean[][] valid, boolean allLogits) {

    public DecodeInput {
        if (valid.length == 0 || valid[0].length == 0) {
            throw new IllegalArgumentException("a decoder pass needs at least one row of one token");
        }
        int t = valid[0].length;
        for (boolean[] row : valid) {
            if (row.length != t) {
                throw new IllegalArgumentException("rows of " + t + " and " + row.length + " tokens in one pass");
            }
        }
        long n = (long) valid.length * t;
        if (ids.length != n || positions.length != n) {
            throw new IllegalArgumentException(valid.length + " rows of " + t + " tokens need " + n + " ids and "
                    + "positions, got " + ids.length + " and " + positions.length);
        }
    }

    /** Rows left-padded with {@code pad} to {@code width} (at least the longest row); logits of each row's last token. */
    public static DecodeInput leftPadded(List<long[]> rows, int width, long pad) {
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
        return new DecodeInput(ids, positions, valid, false);
    }

    /** One new real token per row (a generation step): {@code ids[r]} at {@code positions[r]}. */
    public static DecodeInput nextTokens(long[] ids, long[] positions) {
        boolean[][] valid = new boolean[ids.length][1];
        for (boolean[] row : valid) {
            row[0] = true;
        }
        return new DecodeInput(ids, positions, valid, false);
    }

    /** One row's whole sequence from position 0, with the logits of every position (teacher forcing). */
    public static DecodeInput sequence(long[] ids) {
        long[] positions = new long[ids.length];
        boolean[][] valid = new boolean[1][ids.length];
        for (int t = 0; t < ids.length; t++) {
            positions[t] = t;
            valid[0][t] = true;
        }
        return new DecodeInput(ids, positions, valid, true);
    }

    public int rows() {
        return valid.length;
    }

    public int width() {
        return valid[0].length;
    }
}

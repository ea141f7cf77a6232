package io.gitplatform.plugins.timeline;

import io.gitplatform.spi.RgbImage;
import io.gitplatform.spi.TimedFrame;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a stream of frames into stretches: at scene changes (a frame differing from the one before by more than the
 * threshold, no sooner than the minimum length after the last cut, at the latest at the maximum length), or every
 * {@code window} seconds. Holds only the frames of the stretch being built.
 */
final class Cutter {
    /** Frames are compared on a grid of this many cells a side: robust to noise and small motion. */
    private static final int GRID = 8;

    private final TimelineSettings settings;
    private List<TimedFrame> frames = new ArrayList<>();
    private long firstIndex;
    private long nextIndex;
    private double start;
    private double[] lastSignature;

    /** A finished stretch: its frames, the index of its first frame in the pass, and its time range. */
    record Stretch(List<TimedFrame> frames, long firstIndex, double start, double end) {
    }

    Cutter(TimelineSettings settings) {
        this.settings = settings;
    }

    /** Takes the next frame; returns the stretch it closes, or null. */
    Stretch offer(TimedFrame frame) {
        double t = frame.seconds();
        double[] signature = settings.scenes() ? signature(frame.image()) : null;
        Stretch closed = null;
        if (!frames.isEmpty()) {
            if (settings.scenes()) {
                double length = t - start;
                boolean change = length >= settings.minSegment()
                        && difference(lastSignature, signature) > settings.threshold();
                if (change || length >= settings.maxSegment()) {
                    closed = close(t);
                }
            } else if (t >= start + settings.window() - 1e-6) {
                // Window edges fall on multiples of the window, whatever frame happens to be there.
                closed = close(start + settings.window() * Math.floor((t - start) / settings.window() + 1e-9));
            }
        } else {
            start = settings.scenes() ? t : settings.window() * Math.floor(t / settings.window() + 1e-9);
        }
        frames.add(frame);
        nextIndex++;
        lastSignature = signature;
        return closed;
    }

    /** The stretch in progress, ended at {@code end}; null when no frame came since the last cut. */
    Stretch finish(double end) {
        return frames.isEmpty() ? null : close(Math.max(end, frames.get(frames.size() - 1).seconds()));
    }

    private Stretch close(double end) {
        Stretch s = new Stretch(frames, firstIndex, start, end);
        frames = new ArrayList<>();
        firstIndex = nextIndex;
        start = end;
        return s;
    }

    /** Mean colour of each grid cell, in 0..1. */
    static double[] signature(RgbImage image) {
        double[] sums = new double[GRID * GRID * 3];
        int[] counts = new int[GRID * GRID];
        int w = image.width();
        int h = image.height();
        byte[] rgb = image.rgb();
        for (int y = 0; y < h; y++) {
            int cy = y * GRID / h;
            for (int x = 0; x < w; x++) {
                int cell = cy * GRID + x * GRID / w;
                int i = (y * w + x) * 3;
                sums[cell * 3] += rgb[i] & 0xFF;
                sums[cell * 3 + 1] += rgb[i + 1] & 0xFF;
                sums[cell * 3 + 2] += rgb[i + 2] & 0xFF;
                counts[cell]++;
            }
        }
        for (int c = 0; c < sums.length; c++) {
            sums[c] /= Math.max(1, counts[c / 3]) * 255.0;
        }
        return sums;
    }

    /** Mean absolute difference of two signatures: 0 for equal pictures, 1 for black against white. */
    static double difference(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += Math.abs(a[i] - b[i]);
        }
        return sum / a.length;
    }
}

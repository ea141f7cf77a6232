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
    /** Colour levels per channel of the histogram; 7 puts mid-gray (128) in the middle of a bin, not on an edge. */
    private static final int LEVELS = 7;

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

    /**
     * The share of the frame's pixels in each of {@code LEVELS}^3 colour bins: what is in the picture, whatever
     * moves where, so motion within a scene changes it little and a new scene much.
     */
    static double[] signature(RgbImage image) {
        double[] bins = new double[LEVELS * LEVELS * LEVELS];
        byte[] rgb = image.rgb();
        int pixels = image.width() * image.height();
        for (int i = 0; i < pixels; i++) {
            int r = (rgb[i * 3] & 0xFF) * LEVELS / 256;
            int g = (rgb[i * 3 + 1] & 0xFF) * LEVELS / 256;
            int b = (rgb[i * 3 + 2] & 0xFF) * LEVELS / 256;
            bins[(r * LEVELS + g) * LEVELS + b]++;
        }
        for (int i = 0; i < bins.length; i++) {
            bins[i] /= pixels;
        }
        return bins;
    }

    /** The share of pixels whose colour bin changed: 0 for the same colours, 1 for entirely different ones. */
    static double difference(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += Math.abs(a[i] - b[i]);
        }
        return sum / 2;
    }
}

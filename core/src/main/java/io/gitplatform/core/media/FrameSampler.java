package io.gitplatform.core.media;

/** Which frames of a clip to show the model: the centre frame of each of {@code wanted} equal segments. */
public final class FrameSampler {

    private FrameSampler() {
    }

    /**
     * {@code idx_i = floor((2i + 1) * frameCount / (2 * wanted))} for i in 0..wanted-1, ascending. With fewer frames
     * than wanted, indices repeat (3 frames, 6 wanted: 0, 0, 1, 1, 2, 2); otherwise they are distinct.
     */
    public static long[] indices(long frameCount, int wanted) {
        if (frameCount < 1 || wanted < 1) {
            throw new IllegalArgumentException("need at least one frame and one wanted, got frameCount=" + frameCount
                    + ", wanted=" + wanted);
        }
        // Split frameCount = q * 2w + r so that (2i+1) * frameCount cannot overflow for long clips.
        long twoWanted = 2L * wanted;
        long q = frameCount / twoWanted;
        long r = frameCount % twoWanted;
        long[] indices = new long[wanted];
        for (int i = 0; i < wanted; i++) {
            long odd = 2L * i + 1;
            indices[i] = odd * q + odd * r / twoWanted;
        }
        return indices;
    }
}

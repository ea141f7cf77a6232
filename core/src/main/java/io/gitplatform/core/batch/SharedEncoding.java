package io.gitplatform.core.batch;

import io.gitplatform.core.pipeline.EncodedInput;

/**
 * One vision pass over P inputs, shared by the requests whose inputs it encoded: each holds a {@link Slot} (its input's
 * index in the pass), and the tensors are freed when the last holder lets go. So a request that asks again about
 * its input, or scores labels after a batched caption, reuses its part of the pass.
 */
public final class SharedEncoding {
    private final EncodedInput encoded;
    private int holders = 1;

    SharedEncoding(EncodedInput encoded) {
        this.encoded = encoded;
    }

    /** Input {@code index} of this pass, held once more: the caller releases it. */
    synchronized Slot slot(int index) {
        if (holders == 0) {
            throw new IllegalStateException("this encoding was already released");
        }
        holders++;
        return new Slot(this, index);
    }

    EncodedInput encoded() {
        return encoded;
    }

    synchronized void release() {
        if (holders > 0 && --holders == 0) {
            encoded.close();
        }
    }

    /** One input of a shared pass. Release it exactly once. */
    public record Slot(SharedEncoding encoding, int index) {
        public EncodedInput encoded() {
            return encoding.encoded();
        }

        /** Another hold on the same input, for a second owner. */
        public Slot retain() {
            return encoding.slot(index);
        }

        public void release() {
            encoding.release();
        }
    }
}

package io.gitplatform.core.safetensors;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The 16-bit conversions against torch's own casts (float16) and an exact oracle (bfloat16, which DJL cannot cast). */
class HalfFloatsTest {

    private static final float[] EDGES = {0f, -0f, 1f, -1f, 65504f, 65519.996f, 65520f, 65536f, 1e-8f, 2.98e-8f,
        0x1p-24f, 0x1p-25f, 0x1.000002p-25f, 0x1p-14f, 0x1.ffcp-15f, 0x1.ff8p-15f, 3e38f, Float.MAX_VALUE,
        Float.MIN_VALUE, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 1.0009766f, 1.0004883f, 1.0014648f};

    @Test
    void everyHalfWidensLikeTorch() {
        ByteBuffer all = ByteBuffer.allocateDirect(2 << 16).order(ByteOrder.LITTLE_ENDIAN);
        for (int h = 0; h < 1 << 16; h++) {
            all.putShort((short) h);
        }
        all.flip();
        try (NDManager manager = NDManager.newBaseManager()) {
            float[] torch = manager.create(all, new Shape(1 << 16), DataType.FLOAT16)
                    .toType(DataType.FLOAT32, false).toFloatArray();
            for (int h = 0; h < 1 << 16; h++) {
                float mine = HalfFloats.f16ToFloat((short) h);
                if (Float.isNaN(torch[h])) {
                    assertThat(mine).as("0x%04x", h).isNaN();
                } else {
                    assertThat(Float.floatToRawIntBits(mine)).as("0x%04x", h)
                            .isEqualTo(Float.floatToRawIntBits(torch[h]));
                }
            }
        }
    }

    @Test
    void floatsNarrowToHalfLikeTorch() {
        Random random = new Random(42);
        float[] values = new float[1 << 20];
        for (int i = 0; i < values.length; i++) {
            // Random bit patterns cover every exponent; scaled normals cover the half range densely.
            values[i] = i < EDGES.length ? EDGES[i] : i % 2 == 0 ? Float.intBitsToFloat(random.nextInt())
                    : (float) (random.nextGaussian() * Math.pow(2, random.nextInt(40) - 26));
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray halves = manager.create(values).toType(DataType.FLOAT16, false);
            ByteBuffer torch = halves.toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < values.length; i++) {
                short expected = torch.getShort(2 * i);
                short mine = HalfFloats.toF16(values[i]);
                if (Float.isNaN(values[i])) {
                    assertThat(Float.isNaN(HalfFloats.f16ToFloat(mine))).isTrue();
                } else {
                    assertThat(mine).as("%a", values[i]).isEqualTo(expected);
                }
            }
        }
    }

    @Test
    void bf16RoundsToNearestEven() {
        Random random = new Random(7);
        for (int i = 0; i < 1_000_000; i++) {
            float f = i < EDGES.length ? EDGES[i] : Float.intBitsToFloat(random.nextInt());
            assertThat(HalfFloats.toBf16(f)).as("%a", f).isEqualTo(nearestBf16(f));
            assertThat(HalfFloats.toBf16(-f)).isEqualTo(nearestBf16(-f));
        }
        assertThat(HalfFloats.bf16ToFloat(HalfFloats.toBf16(1.00390625f))).isEqualTo(1f); // tie, 1.0 is even
        assertThat(HalfFloats.bf16ToFloat(HalfFloats.toBf16(1.01171875f))).isEqualTo(1.015625f); // tie, rounds up
        assertThat(HalfFloats.bf16ToFloat(HalfFloats.toBf16(Float.MAX_VALUE))).isInfinite();
        assertThat(HalfFloats.bf16ToFloat(HalfFloats.toBf16(Float.NaN))).isNaN();
    }

    /** Picks between the two neighbouring bfloat16 values in double arithmetic. */
    private static short nearestBf16(float f) {
        if (Float.isNaN(f)) {
            return HalfFloats.toBf16(f);
        }
        int bits = Float.floatToRawIntBits(f);
        short down = (short) (bits >>> 16);
        if ((bits & 0xffff) == 0) {
            return down;
        }
        short up = (short) (down + 1); // next magnitude away from zero (may be infinity)
        double lo = Math.abs((double) HalfFloats.bf16ToFloat(down));
        double hi = Math.abs(Float.isInfinite(HalfFloats.bf16ToFloat(up)) ? 0x1p128 : HalfFloats.bf16ToFloat(up));
        double x = Math.abs((double) f);
        if (x - lo != hi - x) {
            return x - lo < hi - x ? down : up;
        }
        return (down & 1) == 0 ? down : up;
    }
}

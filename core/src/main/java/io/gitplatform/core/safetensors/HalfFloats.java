package io.gitplatform.core.safetensors;

/**
 * float32 to and from the 16-bit formats, rounding to nearest even like torch and numpy. Java 17 has no
 * {@code Float.floatToFloat16} (it came in Java 20), and DJL's JNI cannot touch bfloat16 at all.
 */
public final class HalfFloats {

    private HalfFloats() {
    }

    /** The bfloat16 nearest to {@code f} (ties to even); NaN stays a (quiet) NaN. */
    public static short toBf16(float f) {
        int bits = Float.floatToRawIntBits(f);
        if ((bits & 0x7fffffff) > 0x7f800000) {
            return (short) ((bits >>> 16) | 0x0040);
        }
        // Adding 0x7fff plus the kept lowest bit rounds half to even; a carry may correctly reach infinity.
        return (short) ((bits + 0x7fff + ((bits >>> 16) & 1)) >>> 16);
    }

    public static float bf16ToFloat(short h) {
        return Float.intBitsToFloat((h & 0xffff) << 16);
    }

    /** The IEEE half nearest to {@code f} (ties to even): overflow gives infinity, tiny values subnormals or zero. */
    public static short toF16(float f) {
        int bits = Float.floatToRawIntBits(f);
        int sign = (bits >>> 16) & 0x8000;
        int abs = bits & 0x7fffffff;
        if (abs > 0x7f800000) {
            return (short) (sign | 0x7e00 | (abs >>> 13) & 0x3ff);
        }
        if (abs >= 0x477ff000) {
            return (short) (sign | 0x7c00); // 65520 (halfway above the largest half, 65504) and up round to infinity
        }
        if (abs >= 0x38800000) {
            // Normal: rebias the exponent (127 -> 15) and round the 23-bit mantissa to 10 bits.
            int rounded = abs + 0xfff + ((abs >>> 13) & 1);
            return (short) (sign | (rounded - 0x38000000) >>> 13);
        }
        int exponent = abs >>> 23;
        if (exponent < 102) {
            return (short) sign; // below 2^-25: rounds to zero
        }
        // Subnormal: the value in units of 2^-24 is mantissa * 2^(exponent - 126); shift right and round.
        int mantissa = (abs & 0x7fffff) | 0x800000;
        int shift = 126 - exponent;
        int result = mantissa >>> shift;
        int rest = mantissa & ((1 << shift) - 1);
        int half = 1 << (shift - 1);
        if (rest > half || rest == half && (result & 1) == 1) {
            result++;
        }
        return (short) (sign | result);
    }

    public static float f16ToFloat(short h) {
        int bits = h & 0xffff;
        int sign = (bits & 0x8000) << 16;
        int exponent = (bits >>> 10) & 0x1f;
        int mantissa = bits & 0x3ff;
        if (exponent == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | mantissa << 13);
        }
        if (exponent == 0) {
            float magnitude = mantissa * 0x1p-24f; // zero or subnormal: exact in float32
            return sign == 0 ? magnitude : -magnitude;
        }
        return Float.intBitsToFloat(sign | (exponent + 112) << 23 | mantissa << 13);
    }
}

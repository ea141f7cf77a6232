package io.gitplatform.core.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads NumPy {@code .npy} files of little-endian float32 in C order (the format of the reference fixtures). */
public final class Npy {

    private static final Pattern DESCR = Pattern.compile("'descr':\\s*'([^']*)'");
    private static final Pattern ORDER = Pattern.compile("'fortran_order':\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\(([^)]*)\\)");
    private static final long MAX_ELEMENTS = Integer.MAX_VALUE - 8;

    /** A float32 array with its shape. */
    public record FloatArray(long[] shape, float[] data) {
        public long size() {
            return data.length;
        }

        @Override
        public String toString() {
            return "FloatArray" + Arrays.toString(shape);
        }
    }

    private Npy() {
    }

    public static FloatArray readFloats(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 10 || buf.get(0) != (byte) 0x93 || !"NUMPY".equals(new String(bytes, 1, 5))) {
            throw new IOException(file + ": not a .npy file (bad magic)");
        }
        int major = bytes[6];
        int headerLen;
        int headerStart;
        if (major == 1) {
            headerLen = Short.toUnsignedInt(buf.getShort(8));
            headerStart = 10;
        } else {
            headerLen = buf.getInt(8);
            headerStart = 12;
        }
        if (headerLen < 0 || headerStart + (long) headerLen > bytes.length) {
            throw new IOException(file + ": header length " + headerLen + " runs past the end of the file");
        }
        String header = new String(bytes, headerStart, headerLen);
        String descr = group(DESCR, header, file, "descr");
        if (!descr.equals("<f4")) {
            throw new IOException(file + ": dtype " + descr + " is not little-endian float32 (<f4)");
        }
        if (group(ORDER, header, file, "fortran_order").equals("True")) {
            throw new IOException(file + ": Fortran order is not supported");
        }
        String dims = group(SHAPE, header, file, "shape").trim();
        long[] shape = dims.isEmpty() ? new long[0]
                : Arrays.stream(dims.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                        .mapToLong(Long::parseLong).toArray();
        long count = 1;
        for (long d : shape) {
            count = Math.multiplyExact(count, d);
        }
        int dataStart = headerStart + headerLen;
        if (count > MAX_ELEMENTS || dataStart + count * 4 != bytes.length) {
            throw new IOException(file + ": shape " + Arrays.toString(shape) + " needs " + count * 4
                    + " bytes but the file holds " + (bytes.length - dataStart));
        }
        float[] data = new float[(int) count];
        buf.position(dataStart);
        buf.asFloatBuffer().get(data);
        return new FloatArray(shape, data);
    }

    private static String group(Pattern p, String header, Path file, String what) throws IOException {
        Matcher m = p.matcher(header);
        if (!m.find()) {
            throw new IOException(file + ": header has no " + what + ": " + header);
        }
        return m.group(1);
    }
}

package io.gitplatform.core.safetensors;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Writes safetensors files byte for byte as the reference implementation does: tensors sorted by descending alignment
 * then name (so every tensor is aligned to its item size), compact JSON, the header padded with spaces to a multiple
 * of 8. Float arrays are converted while writing (round to nearest even), so memory holds only the caller's arrays.
 */
public final class SafetensorsWriter {

    private static final int CHUNK_BYTES = 1 << 20;

    private record Pending(String name, Dtype dtype, long[] shape, long byteSize, Payload payload) {
    }

    @FunctionalInterface
    private interface Payload {
        void writeTo(FileChannel channel) throws IOException;
    }

    private final Map<String, Pending> tensors = new LinkedHashMap<>();
    private final Map<String, String> metadata = new LinkedHashMap<>();

    /** Adds float values (C order) to be stored as F32, F16 or BF16. The array is read at {@link #write} time. */
    public SafetensorsWriter add(String name, Dtype dtype, long[] shape, float[] values) {
        if (numel(name, shape) != values.length) {
            throw new IllegalArgumentException(name + ": shape " + Arrays.toString(shape) + " has "
                    + numel(name, shape) + " elements but " + values.length + " values were given");
        }
        return add(name, dtype, shape, () -> values);
    }

    /**
     * Adds float values (C order) that {@code values} makes at {@link #write} time, one tensor at a time: a large
     * file never sits in memory whole.
     */
    public SafetensorsWriter add(String name, Dtype dtype, long[] shape, Supplier<float[]> values) {
        if (dtype != Dtype.F32 && dtype != Dtype.F16 && dtype != Dtype.BF16) {
            throw new IllegalArgumentException(name + ": float values are written as F32, F16 or BF16, not " + dtype);
        }
        long numel = numel(name, shape);
        return put(name, dtype, shape, numel * dtype.itemSize(), channel -> {
            float[] v = values.get();
            if (v.length != numel) {
                throw new IllegalStateException(name + ": shape " + Arrays.toString(shape) + " has " + numel
                        + " elements but " + v.length + " values were made");
            }
            writeFloats(channel, dtype, v);
        });
    }

    /** Adds raw little-endian bytes already in {@code dtype}: the buffer's remaining bytes, read at write time. */
    public SafetensorsWriter add(String name, Dtype dtype, long[] shape, ByteBuffer data) {
        long bytes = Math.multiplyExact(numel(name, shape), dtype.itemSize());
        ByteBuffer view = data.duplicate();
        if (bytes != view.remaining()) {
            throw new IllegalArgumentException(name + ": shape " + Arrays.toString(shape) + " of " + dtype
                    + " needs " + bytes + " bytes but the buffer has " + view.remaining());
        }
        return put(name, dtype, shape, bytes, channel -> {
            ByteBuffer src = view.duplicate();
            while (src.hasRemaining()) {
                channel.write(src);
            }
        });
    }

    /** Adds an entry to {@code __metadata__}. */
    public SafetensorsWriter metadata(String key, String value) {
        metadata.put(key, value);
        return this;
    }

    public void write(Path file) throws IOException {
        List<Pending> ordered = new ArrayList<>(tensors.values());
        ordered.sort(Comparator.comparing(Pending::dtype)
                .thenComparing(p -> p.name().getBytes(StandardCharsets.UTF_8), Arrays::compareUnsigned));
        byte[] header = header(ordered);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer start = ByteBuffer.allocate(8 + header.length).order(ByteOrder.LITTLE_ENDIAN);
            start.putLong(header.length).put(header).flip();
            while (start.hasRemaining()) {
                channel.write(start);
            }
            for (Pending p : ordered) {
                p.payload().writeTo(channel);
            }
        }
    }

    private SafetensorsWriter put(String name, Dtype dtype, long[] shape, long byteSize, Payload payload) {
        if (name.equals(HeaderParser.METADATA_KEY) || tensors.containsKey(name)) {
            throw new IllegalArgumentException(name + ": reserved or already added");
        }
        tensors.put(name, new Pending(name, dtype, shape.clone(), byteSize, payload));
        return this;
    }

    private static long numel(String name, long[] shape) {
        long n = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException(name + ": negative dimension in " + Arrays.toString(shape));
            }
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    /** The JSON exactly as serde_json writes it, padded with spaces to a multiple of 8 bytes. */
    private byte[] header(List<Pending> ordered) {
        StringBuilder json = new StringBuilder("{");
        if (!metadata.isEmpty()) {
            json.append(quote(HeaderParser.METADATA_KEY)).append(":{");
            metadata.forEach((k, v) -> json.append(quote(k)).append(':').append(quote(v)).append(','));
            json.setLength(json.length() - 1);
            json.append("},");
        }
        long offset = 0;
        for (Pending p : ordered) {
            json.append(quote(p.name())).append(":{\"dtype\":\"").append(p.dtype()).append("\",\"shape\":[");
            for (int i = 0; i < p.shape().length; i++) {
                json.append(i == 0 ? "" : ",").append(p.shape()[i]);
            }
            json.append("],\"data_offsets\":[").append(offset).append(',').append(offset + p.byteSize()).append("]},");
            offset += p.byteSize();
        }
        if (json.length() > 1) {
            json.setLength(json.length() - 1);
        }
        json.append('}');
        byte[] bytes = json.toString().getBytes(StandardCharsets.UTF_8);
        byte[] padded = Arrays.copyOf(bytes, (bytes.length + 7) / 8 * 8);
        Arrays.fill(padded, bytes.length, padded.length, (byte) ' ');
        return padded;
    }

    /** A JSON string as serde_json escapes it: quote, backslash and control characters only. */
    private static String quote(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return out.append('"').toString();
    }

    private static void writeFloats(FileChannel channel, Dtype dtype, float[] values) throws IOException {
        ByteBuffer chunk = ByteBuffer.allocate(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            if (chunk.remaining() < Float.BYTES) {
                drain(channel, chunk);
            }
            switch (dtype) {
                case F32 -> chunk.putFloat(v);
                case F16 -> chunk.putShort(HalfFloats.toF16(v));
                default -> chunk.putShort(HalfFloats.toBf16(v));
            }
        }
        drain(channel, chunk);
    }

    private static void drain(FileChannel channel, ByteBuffer chunk) throws IOException {
        chunk.flip();
        while (chunk.hasRemaining()) {
            channel.write(chunk);
        }
        chunk.clear();
    }
}

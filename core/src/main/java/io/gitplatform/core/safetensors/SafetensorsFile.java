package io.gitplatform.core.safetensors;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.UUID;

/**
 * A safetensors file, memory-mapped read-only: an 8-byte little-endian header length N, N bytes of JSON naming each
 * tensor's dtype, shape and byte range, then the data section. The whole header is validated by {@link #open} before
 * anything sized by it is allocated; every problem is a {@link CheckpointException}. Like the reference
 * implementation, a data section with bytes that belong to no tensor (a gap, or bytes after the last tensor) is
 * rejected: the spec forbids holes, and a hole is either a broken writer or room for a hidden payload.
 *
 * <p>Lifetime. {@link #load} returns arrays that, when no conversion is needed, read the mapping directly. They stay
 * valid after {@link #close()}: closing never unmaps (Java 17 cannot unmap safely), it only stops further reads. The
 * mapping lives while this file is open, while any slice or zero-copy array references it, and while the manager that
 * received a zero-copy array is open (views such as {@code reshape} or {@code transpose} hold no Java reference, so the
 * manager keeps the mapping for them). Recommended order: close the weights' manager, then this file; the reverse is
 * safe too. Never modify a zero-copy array in place ({@code addi}, {@code set}...): its memory is read-only and the
 * write would crash the JVM; {@code duplicate()} it first.
 */
public final class SafetensorsFile implements AutoCloseable {

    /** The reference implementation's limit; a bigger header is a corrupt length, not a real header. */
    public static final long MAX_HEADER_BYTES = 100_000_000L;

    private final Path file;
    private final HeaderParser.Header header;
    private final String keepAliveId = "safetensors-mapping-" + UUID.randomUUID();
    private volatile MappedData data;

    private SafetensorsFile(Path file, HeaderParser.Header header, MappedData data) {
        this.file = file;
        this.header = header;
        this.data = data;
    }

    public static SafetensorsFile open(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size < 8) {
                throw new CheckpointException(file, "is " + size + " bytes, too short for the 8-byte header length");
            }
            long n = readFully(file, channel, ByteBuffer.allocate(8), 0).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
            // n is an unsigned 64-bit value: compare unsigned so 2^63 and above are "huge", not negative.
            if (Long.compareUnsigned(n, 2) < 0) {
                throw new CheckpointException(file, "header length " + n + " is too small for a JSON object");
            }
            if (Long.compareUnsigned(n, MAX_HEADER_BYTES) > 0) {
                throw new CheckpointException(file, "header length " + Long.toUnsignedString(n)
                        + " exceeds the " + MAX_HEADER_BYTES + "-byte limit");
            }
            if (n > size - 8) {
                throw new CheckpointException(file, "header length " + n + " runs past the end of the file ("
                        + size + " bytes; truncated?)");
            }
            byte[] json = readFully(file, channel, ByteBuffer.allocate((int) n), 8).array();
            HeaderParser.Header header = HeaderParser.parse(file, json, size - 8 - n);
            // The mapping outlives the channel: closing a channel does not unmap.
            return new SafetensorsFile(file, header, MappedData.map(file, channel, 8 + n, header.entries().values()));
        } catch (IOException e) {
            throw new CheckpointException(file, "cannot read: " + e, e);
        }
    }

    public Path file() {
        return file;
    }

    /** The tensors in header order ({@code __metadata__} excluded). */
    public Map<String, TensorEntry> entries() {
        return header.entries();
    }

    /** The header's {@code __metadata__} strings (empty if absent). */
    public Map<String, String> metadata() {
        return header.metadata();
    }

    public TensorEntry entry(String name) {
        TensorEntry e = header.entries().get(name);
        if (e == null) {
            throw CheckpointException.tensor(file, name, "not in the file (it has " + header.entries().size()
                    + " tensors)");
        }
        return e;
    }

    /** A read-only little-endian direct view of the tensor's bytes (zero copy). */
    public ByteBuffer slice(String name) {
        return mapping().slice(entry(name));
    }

    /**
     * The tensor as an NDArray of {@code target} ({@link DataType#FLOAT32} or {@link DataType#FLOAT16}), owned by
     * {@code manager}. Same stored type: zero copy (see the class comment). F16/F32 to the other: a torch cast.
     * BF16: widened in Java. Other dtypes are not weights and are refused.
     */
    public NDArray load(NDManager manager, String name, DataType target) {
        if (target != DataType.FLOAT32 && target != DataType.FLOAT16) {
            throw new IllegalArgumentException("target must be FLOAT32 or FLOAT16, not " + target);
        }
        TensorEntry e = entry(name);
        if (e.dtype() != Dtype.F32 && e.dtype() != Dtype.F16 && e.dtype() != Dtype.BF16) {
            throw CheckpointException.tensor(file, name, "dtype " + e.dtype()
                    + " is not a float type; weights load from F32, F16 or BF16");
        }
        MappedData mapping = mapping();
        if (e.numel() == 0) {
            return manager.create(new Shape(e.shape()), target);
        }
        ByteBuffer bytes = mapping.slice(e);
        if (e.dtype() == Dtype.BF16) {
            return FloatLoader.toType(FloatLoader.bf16AsFloat32(manager, e, bytes), target);
        }
        boolean zeroCopy = mapping.aligned(e);
        NDArray stored = FloatLoader.stored(manager, e, bytes, zeroCopy);
        if (zeroCopy && stored.getDataType() == target) {
            // Idempotent per manager: the id is this file's, so one entry however many tensors are loaded.
            manager.attachInternal(keepAliveId, new KeepAlive(mapping));
        }
        return FloatLoader.toType(stored, target);
    }

    /** Stops further reads. Does not unmap: arrays already loaded keep working (see the class comment). */
    @Override
    public void close() {
        data = null;
    }

    private MappedData mapping() {
        MappedData d = data;
        if (d == null) {
            throw new CheckpointException(file, "is closed");
        }
        return d;
    }

    private static ByteBuffer readFully(Path file, FileChannel channel, ByteBuffer buffer, long position)
            throws IOException {
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new CheckpointException(file, "ended while reading the header (was it truncated meanwhile?)");
            }
        }
        return buffer;
    }

    /** Held by a manager so the mapping outlives every view of a zero-copy array in it; closing just lets go. */
    private record KeepAlive(MappedData mapping) implements AutoCloseable {
        @Override
        public void close() {
        }
    }
}

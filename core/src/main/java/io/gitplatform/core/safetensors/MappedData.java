package io.gitplatform.core.safetensors;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The data section, memory-mapped read-only. One Java mapping holds at most 2 GiB - 1 bytes, so a bigger section is
 * mapped as several windows, each holding whole tensors; a single tensor above that size cannot be sliced (a DJL
 * buffer could not hold it either). Windows are never unmapped explicitly: Java 17 has no safe unmap, and a tensor
 * may still point into one. The GC unmaps a window once nothing (this object, a slice, an NDArray) references it.
 */
final class MappedData {

    static final long MAX_WINDOW = Integer.MAX_VALUE;
    private static final ByteBuffer EMPTY = ByteBuffer.allocateDirect(0).asReadOnlyBuffer();

    private final Path file;
    private final long dataStart;
    private final long[] starts;
    private final MappedByteBuffer[] windows;

    private MappedData(Path file, long dataStart, long[] starts, MappedByteBuffer[] windows) {
        this.file = file;
        this.dataStart = dataStart;
        this.starts = starts;
        this.windows = windows;
    }

    /** Maps the tensors' bytes; {@code dataStart} is the data section's offset in the file (8 + header length). */
    static MappedData map(Path file, FileChannel channel, long dataStart, Iterable<TensorEntry> entries)
            throws IOException {
        List<TensorEntry> byOffset = new ArrayList<>();
        entries.forEach(byOffset::add);
        byOffset.sort(Comparator.comparingLong(TensorEntry::begin));
        List<long[]> ranges = new ArrayList<>();
        long[] current = null;
        for (TensorEntry e : byOffset) {
            if (e.byteSize() == 0 || e.byteSize() > MAX_WINDOW) {
                continue; // empty tensors need no bytes; oversized ones are reported by slice()
            }
            if (current == null || e.end() - current[0] > MAX_WINDOW) {
                current = new long[] {e.begin(), e.end()};
                ranges.add(current);
            }
            current[1] = e.end();
        }
        long[] starts = new long[ranges.size()];
        MappedByteBuffer[] windows = new MappedByteBuffer[ranges.size()];
        for (int i = 0; i < windows.length; i++) {
            long[] r = ranges.get(i);
            starts[i] = r[0];
            windows[i] = channel.map(FileChannel.MapMode.READ_ONLY, dataStart + r[0], r[1] - r[0]);
        }
        return new MappedData(file, dataStart, starts, windows);
    }

    /** A read-only little-endian view of the tensor's bytes (zero copy). */
    ByteBuffer slice(TensorEntry e) {
        if (e.byteSize() == 0) {
            return EMPTY.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        }
        int i = windowOf(e.begin());
        if (i < 0 || e.end() - starts[i] > windows[i].capacity()) {
            throw CheckpointException.tensor(file, e.name(), e.byteSize() + " bytes is more than the "
                    + MAX_WINDOW + " a Java mapping or DJL buffer can hold");
        }
        return windows[i].slice((int) (e.begin() - starts[i]), (int) e.byteSize()).order(ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * Whether the tensor's first byte sits at an address that is a multiple of its item size. A mapping starts on a
     * page boundary, so the address is aligned exactly when the file offset is; the reference writer pads the header
     * to 8 bytes and orders tensors by alignment, so only hand-made files fail this.
     */
    boolean aligned(TensorEntry e) {
        return (dataStart + e.begin()) % e.dtype().itemSize() == 0;
    }

    private int windowOf(long begin) {
        int lo = 0;
        int hi = starts.length - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (starts[mid] <= begin) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found;
    }
}

package io.gitplatform.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

class NativeMemoryTests {
    private static final int BLOCK = 64 << 10; // below glibc's mmap threshold: served from an arena, kept when freed
    private static final int BLOCKS = 2048;    // 128 MiB

    /**
     * What release() is for: memory freed into glibc's arenas stays resident until trimmed. A fence block kept after
     * the freed ones stops glibc from giving the space back on its own, as a pass's long-lived tensors do.
     */
    @Test
    @EnabledOnOs(value = OS.LINUX, architectures = "amd64")
    void releaseGivesFreedArenaMemoryBackToTheOs() {
        assertThat(NativeMemory.available()).isTrue();
        List<Pointer> blocks = new ArrayList<>();
        for (int i = 0; i < BLOCKS; i++) {
            Pointer p = Pointer.malloc(BLOCK);
            Pointer.memset(p, 1, BLOCK);
            blocks.add(p);
        }
        Pointer fence = Pointer.malloc(64);
        try {
            blocks.forEach(Pointer::free);
            long beforeTrim = Pointer.physicalBytes();
            NativeMemory.release();
            long afterTrim = Pointer.physicalBytes();
            assertThat(beforeTrim - afterTrim).as("resident bytes given back: %d -> %d", beforeTrim, afterTrim)
                    .isGreaterThan((long) BLOCK * BLOCKS / 4); // measured: about half comes back at once
        } finally {
            Pointer.free(fence);
        }
    }
}

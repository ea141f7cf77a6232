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
    private static final int PAIRS = 1024;      // 64 MiB freed, 64 MiB kept

    /**
     * What release() is for: memory freed into glibc's arenas stays resident until trimmed. Every other block stays
     * allocated, so the freed ones cannot merge into the arena's top and go back on their own (as a pass's freed
     * intermediates sit between long-lived tensors).
     */
    @Test
    @EnabledOnOs(value = OS.LINUX, architectures = "amd64")
    void releaseGivesFreedArenaMemoryBackToTheOs() {
        assertThat(NativeMemory.available()).isTrue();
        List<Pointer> freed = new ArrayList<>();
        List<Pointer> kept = new ArrayList<>();
        for (int i = 0; i < PAIRS; i++) {
            for (List<Pointer> list : List.of(freed, kept)) {
                Pointer p = Pointer.malloc(BLOCK);
                Pointer.memset(p, 1, BLOCK);
                list.add(p);
            }
        }
        try {
            freed.forEach(Pointer::free);
            long beforeTrim = Pointer.physicalBytes();
            NativeMemory.release();
            long afterTrim = Pointer.physicalBytes();
            assertThat(beforeTrim - afterTrim).as("resident bytes given back: %d -> %d", beforeTrim, afterTrim)
                    .isGreaterThan((long) BLOCK * PAIRS / 2);
        } finally {
            kept.forEach(Pointer::free);
        }
    }
}

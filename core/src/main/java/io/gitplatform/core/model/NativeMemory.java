package io.gitplatform.core.model;

import org.bytedeco.javacpp.Pointer;

/**
 * Hands freed native memory back to the OS after a large pass. PyTorch's CPU tensors come from glibc malloc, which
 * keeps freed chunks in its arenas: without this a process stays at the high-water mark of every pass it ever ran,
 * summed over the chunk sizes each pass happened to use.
 */
public final class NativeMemory {
    private static final boolean AVAILABLE = probe();

    private NativeMemory() {
    }

    /** Whether {@link #release} does anything on this platform. */
    public static boolean available() {
        return AVAILABLE;
    }

    /** {@code malloc_trim(0)} where the platform has it (JavaCPP's native library is already loaded for FFmpeg). */
    public static void release() {
        if (AVAILABLE) {
            Pointer.trimMemory();
        }
    }

    private static boolean probe() {
        try {
            Pointer.trimMemory();
            return true;
        } catch (LinkageError e) {
            return false; // no JavaCPP native library for this platform: nothing to trim with
        }
    }
}

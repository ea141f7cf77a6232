package io.gitplatform.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

class NativeMemoryTests {

    /** The platform's supported build: if JavaCPP's library went missing, passes would silently keep their memory. */
    @Test
    @EnabledOnOs(value = OS.LINUX, architectures = "amd64")
    void trimmingIsAvailableOnLinuxX86() {
        assertThat(NativeMemory.available()).isTrue();
        NativeMemory.release();
    }
}

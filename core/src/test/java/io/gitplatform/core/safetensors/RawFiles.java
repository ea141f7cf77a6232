package io.gitplatform.core.safetensors;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/** Hand-made safetensors files, for the cases a correct writer never produces. */
final class RawFiles {

    private static final AtomicInteger COUNTER = new AtomicInteger();

    private RawFiles() {
    }

    /** A header length, then {@code body} verbatim. */
    static Path withLength(Path dir, long headerLength, byte[] body) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(8 + body.length).order(ByteOrder.LITTLE_ENDIAN);
        buf.putLong(headerLength).put(body);
        return bytes(dir, buf.array());
    }

    /** The JSON as the header (unpadded), then {@code dataBytes} bytes counting 0, 1, 2... */
    static Path withHeader(Path dir, String json, int dataBytes) throws IOException {
        byte[] header = json.getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[header.length + dataBytes];
        System.arraycopy(header, 0, body, 0, header.length);
        for (int i = 0; i < dataBytes; i++) {
            body[header.length + i] = (byte) i;
        }
        return withLength(dir, header.length, body);
    }

    static Path bytes(Path dir, byte[] content) throws IOException {
        Path file = dir.resolve("raw-" + COUNTER.incrementAndGet() + ".safetensors");
        Files.write(file, content);
        return file;
    }
}

package io.gitplatform.core.media;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Picture dimensions read from an image header alone, so that a decompression bomb (a small file declaring a huge
 * picture) is refused before a single pixel is decoded.
 */
final class StillHeader {

    /** Declared picture size; long so that width * height cannot overflow. */
    record Size(long width, long height) {
        long pixels() {
            return width * height;
        }
    }

    private final MediaSource source;
    private final String name;

    private StillHeader(MediaSource source, String name) {
        this.source = source;
        this.name = name;
    }

    /** The declared size of a PNG, JPEG, BMP, WebP or GIF (its logical screen). */
    static Size read(ContainerFormat format, MediaSource source, String name) throws IOException {
        StillHeader header = new StillHeader(source, name);
        Size size = switch (format) {
            case PNG -> header.png();
            case JPEG -> header.jpeg();
            case BMP -> header.bmp();
            case WEBP -> header.webp();
            case GIF -> new Size(header.le16(6), header.le16(8));
            default -> throw new IllegalArgumentException(format + " is not an image format");
        };
        if (size.width() <= 0 || size.height() <= 0) {
            throw header.corrupt("header declares an empty " + size.width() + "x" + size.height() + " picture");
        }
        return size;
    }

    private Size png() throws IOException {
        // The signature is followed by the IHDR chunk: length, "IHDR", width, height (big-endian).
        if (!"IHDR".equals(new String(bytes(12, 4), StandardCharsets.ISO_8859_1))) {
            throw corrupt("PNG does not start with an IHDR chunk");
        }
        return new Size(be32(16), be32(20));
    }

    private Size jpeg() throws IOException {
        long pos = 2;
        while (pos < source.size()) {
            if (u8(pos) != 0xFF) {
                throw corrupt("JPEG marker expected at byte " + pos);
            }
            int marker = u8(pos + 1);
            if (marker == 0xFF) { // fill byte
                pos++;
                continue;
            }
            if (marker == 0x01 || marker >= 0xD0 && marker <= 0xD8) { // markers without a length
                pos += 2;
                continue;
            }
            if (marker == 0xD9 || marker == 0xDA) {
                break; // end of image or start of scan: no frame header came first
            }
            boolean startOfFrame = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
            if (startOfFrame) { // length, precision, height, width
                return new Size(be16(pos + 7), be16(pos + 5));
            }
            pos += 2 + be16(pos + 2);
        }
        throw corrupt("JPEG has no frame header (SOF) before its image data");
    }

    private Size bmp() throws IOException {
        if (le32(14) == 12) { // OS/2 BITMAPCOREHEADER: 16-bit width and height
            return new Size(le16(18), le16(20));
        }
        // Negative height means rows are stored top-down.
        return new Size(le32(18), Math.abs(le32(22)));
    }

    private Size webp() throws IOException {
        String chunk = new String(bytes(12, 4), StandardCharsets.ISO_8859_1);
        return switch (chunk) {
            case "VP8 " -> new Size(le16(26) & 0x3FFF, le16(28) & 0x3FFF); // lossy: after the 9d 01 2a start code
            case "VP8L" -> { // lossless: signature byte, then 14-bit width-1 and height-1
                long bits = le32(21) & 0xFFFFFFFFL;
                yield new Size((bits & 0x3FFF) + 1, (bits >> 14 & 0x3FFF) + 1);
            }
            case "VP8X" -> { // extended: flags, then 24-bit canvas width-1 and height-1
                if ((u8(20) & 0x02) != 0) {
                    throw new MediaException(MediaException.Reason.UNSUPPORTED_CODEC,
                            name + ": animated WebP cannot be decoded by this FFmpeg build");
                }
                yield new Size(le24(24) + 1, le24(27) + 1);
            }
            default -> throw corrupt("WebP has an unknown first chunk '" + chunk.strip() + "'");
        };
    }

    private byte[] bytes(long pos, int n) throws IOException {
        byte[] b = source.bytesAt(pos, n);
        if (b.length < n) {
            throw corrupt("header is cut short (" + source.size() + " bytes)");
        }
        return b;
    }

    private int u8(long pos) throws IOException {
        return bytes(pos, 1)[0] & 0xFF;
    }

    private int be16(long pos) throws IOException {
        byte[] b = bytes(pos, 2);
        return (b[0] & 0xFF) << 8 | b[1] & 0xFF;
    }

    private long be32(long pos) throws IOException {
        byte[] b = bytes(pos, 4);
        return (long) (b[0] & 0xFF) << 24 | (b[1] & 0xFF) << 16 | (b[2] & 0xFF) << 8 | b[3] & 0xFF;
    }

    private int le16(long pos) throws IOException {
        byte[] b = bytes(pos, 2);
        return b[0] & 0xFF | (b[1] & 0xFF) << 8;
    }

    private int le24(long pos) throws IOException {
        byte[] b = bytes(pos, 3);
        return b[0] & 0xFF | (b[1] & 0xFF) << 8 | (b[2] & 0xFF) << 16;
    }

    private int le32(long pos) throws IOException {
        byte[] b = bytes(pos, 4);
        return b[0] & 0xFF | (b[1] & 0xFF) << 8 | (b[2] & 0xFF) << 16 | (b[3] & 0xFF) << 24;
    }

    private MediaException corrupt(String problem) {
        return new MediaException(MediaException.Reason.CORRUPT, name + ": " + problem);
    }
}

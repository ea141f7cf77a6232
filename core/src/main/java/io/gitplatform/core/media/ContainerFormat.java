package io.gitplatform.core.media;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;

/**
 * The supported containers, recognised from their first bytes (the file name never counts), with the FFmpeg demuxer
 * that reads each: forcing it keeps FFmpeg from guessing some exotic format for odd input.
 */
enum ContainerFormat {
    PNG("png", "png_pipe", true),
    JPEG("jpeg", "jpeg_pipe", true),
    BMP("bmp", "bmp_pipe", true),
    WEBP("webp", "webp_pipe", true),
    /** Animated or not: a single-frame GIF comes back as an image. */
    GIF("gif", "gif", false),
    MP4("mp4", "mov", false),
    MOV("mov", "mov", false),
    MKV("mkv", "matroska", false),
    WEBM("webm", "matroska", false),
    AVI("avi", "avi", false);

    /** Bytes to read for detection (text detection wants more than the magic numbers). */
    static final int HEAD = 512;

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final byte[] EBML = {0x1A, 0x45, (byte) 0xDF, (byte) 0xA3};
    private static final Set<Integer> BMP_INFO_HEADER_SIZES = Set.of(12, 40, 52, 56, 64, 108, 124);
    /** Top-level atoms of QuickTime files written before the ftyp box existed. */
    private static final Set<String> QUICKTIME_ATOMS = Set.of("moov", "mdat", "free", "skip", "wide", "pnot");

    final String label;
    final String demuxer;
    final boolean still;

    ContainerFormat(String label, String demuxer, boolean still) {
        this.label = label;
        this.demuxer = demuxer;
        this.still = still;
    }

    static Optional<ContainerFormat> detect(byte[] h) {
        if (startsWith(h, 0, PNG_SIGNATURE)) {
            return Optional.of(PNG);
        }
        if (h.length >= 3 && (h[0] & 0xFF) == 0xFF && (h[1] & 0xFF) == 0xD8 && (h[2] & 0xFF) == 0xFF) {
            return Optional.of(JPEG);
        }
        if (ascii(h, 0, "GIF87a") || ascii(h, 0, "GIF89a")) {
            return Optional.of(GIF);
        }
        if (ascii(h, 0, "BM") && h.length >= 18 && BMP_INFO_HEADER_SIZES.contains(littleEndianInt(h, 14))) {
            return Optional.of(BMP);
        }
        if (ascii(h, 0, "RIFF") && ascii(h, 8, "WEBP")) {
            return Optional.of(WEBP);
        }
        if (ascii(h, 0, "RIFF") && ascii(h, 8, "AVI ")) {
            return Optional.of(AVI);
        }
        if (ascii(h, 4, "ftyp")) {
            return Optional.of(ascii(h, 8, "qt  ") ? MOV : MP4);
        }
        if (h.length >= 8 && QUICKTIME_ATOMS.contains(new String(h, 4, 4, StandardCharsets.ISO_8859_1))) {
            return Optional.of(MOV);
        }
        if (startsWith(h, 0, EBML)) {
            // The EBML header, a few dozen bytes, names the DocType.
            String header = new String(h, 0, Math.min(h.length, 64), StandardCharsets.ISO_8859_1);
            return Optional.of(header.contains("webm") ? WEBM : MKV);
        }
        return Optional.empty();
    }

    /** The container of these first bytes, or a failure that says what the content looks like instead. */
    static ContainerFormat detectOrThrow(byte[] head, String name) {
        return detect(head).orElseThrow(() -> unrecognized(head, name));
    }

    private static MediaException unrecognized(byte[] h, String name) {
        String audio = ascii(h, 0, "ID3") ? "MP3" : ascii(h, 0, "RIFF") && ascii(h, 8, "WAVE") ? "WAV"
                : ascii(h, 0, "fLaC") ? "FLAC" : null;
        if (audio != null) {
            return new MediaException(MediaException.Reason.NO_VIDEO_STREAM,
                    name + ": is " + audio + " audio, which has no video stream");
        }
        String looks = looksLikeText(h) ? "the content looks like text"
                : "unknown content starting with " + HexFormat.ofDelimiter(" ").formatHex(h, 0, Math.min(8, h.length));
        return new MediaException(MediaException.Reason.UNRECOGNIZED_FORMAT, name + ": not a supported image or video ("
                + looks + "); supported are PNG, JPEG, BMP, WebP, GIF, MP4, MOV, MKV, WebM and AVI");
    }

    private static boolean looksLikeText(byte[] h) {
        for (byte b : h) {
            int c = b & 0xFF;
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7F) {
                return false;
            }
        }
        return h.length > 0;
    }

    private static boolean startsWith(byte[] h, int offset, byte[] prefix) {
        if (h.length < offset + prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (h[offset + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean ascii(byte[] h, int offset, String text) {
        return startsWith(h, offset, text.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static int littleEndianInt(byte[] h, int offset) {
        return (h[offset] & 0xFF) | (h[offset + 1] & 0xFF) << 8 | (h[offset + 2] & 0xFF) << 16 | (h[offset + 3] & 0xFF) << 24;
    }
}

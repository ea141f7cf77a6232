package io.gitplatform.core.media;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_AAC;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ShortBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.FrameRecorder;

/** Hostile or broken inputs for the decoder's failure paths. */
final class BadMedia {

    private BadMedia() {
    }

    /**
     * A valid PNG declaring a huge 8-bit grayscale picture whose pixels are all zero: a few hundred KB that would
     * inflate to width x height bytes.
     */
    static byte[] pngBomb(int width, int height) throws IOException {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        png.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
        DataOutputStream header = new DataOutputStream(ihdr);
        header.writeInt(width);
        header.writeInt(height);
        header.write(new byte[] {8, 0, 0, 0, 0}); // 8-bit, grayscale, deflate, no filter, not interlaced
        chunk(png, "IHDR", ihdr.toByteArray());
        chunk(png, "IDAT", zeros((long) height * (width + 1))); // each row: filter byte + pixels
        chunk(png, "IEND", new byte[0]);
        return png.toByteArray();
    }

    /** One second of a 440 Hz sine as AAC in MP4: a media file without a video stream. */
    static Path audioOnlyMp4(Path file) {
        int rate = 16_000;
        short[] samples = new short[rate];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (short) (8000 * Math.sin(2 * Math.PI * 440 * i / rate));
        }
        try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.toFile(), 1)) {
            recorder.setFormat("mp4");
            recorder.setAudioCodec(AV_CODEC_ID_AAC);
            recorder.setSampleRate(rate);
            recorder.start();
            recorder.recordSamples(rate, 1, ShortBuffer.wrap(samples));
            recorder.stop();
        } catch (FrameRecorder.Exception e) {
            throw new IllegalStateException("could not encode " + file, e);
        }
        return file;
    }

    /** An animated WebP, which this FFmpeg build can write but not read. */
    static Path animatedWebp(List<BufferedImage> frames, Path file) {
        return ShapeVideos.encode(frames, 10, "webp", "libwebp_anim", AV_PIX_FMT_YUV420P, file, recorder -> { });
    }

    /** Replaces every occurrence of a FourCC, e.g. turning an AVI's video codec into one nobody knows. */
    static byte[] replaceFourcc(byte[] bytes, String from, String to) {
        byte[] out = bytes.clone();
        byte[] pattern = from.getBytes(StandardCharsets.ISO_8859_1);
        byte[] replacement = to.getBytes(StandardCharsets.ISO_8859_1);
        int replaced = 0;
        for (int i = 0; i + pattern.length <= out.length; i++) {
            if (Arrays.equals(out, i, i + pattern.length, pattern, 0, pattern.length)) {
                System.arraycopy(replacement, 0, out, i, replacement.length);
                replaced++;
            }
        }
        if (replaced == 0) {
            throw new IllegalArgumentException("no '" + from + "' to replace");
        }
        return out;
    }

    private static byte[] zeros(long count) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] input = new byte[1 << 20];
        byte[] buffer = new byte[1 << 16];
        for (long left = count; left > 0; left -= input.length) {
            deflater.setInput(input, 0, (int) Math.min(input.length, left));
            while (!deflater.needsInput()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
        }
        deflater.finish();
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream png, String type, byte[] data) throws IOException {
        DataOutputStream out = new DataOutputStream(png);
        byte[] typeBytes = type.getBytes(StandardCharsets.ISO_8859_1);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        out.writeInt(data.length);
        out.write(typeBytes);
        out.write(data);
        out.writeInt((int) crc.getValue());
    }
}

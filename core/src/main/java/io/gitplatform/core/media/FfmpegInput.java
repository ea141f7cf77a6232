package io.gitplatform.core.media;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_NONE;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_index_get_entries_count;
import static org.bytedeco.ffmpeg.global.avformat.avformat_index_get_entry;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_FRAME_DATA_DISPLAYMATRIX;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_RGB24;
import static org.bytedeco.ffmpeg.global.avutil.AV_TIME_BASE;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_side_data;
import static org.bytedeco.ffmpeg.global.avutil.av_q2d;

import io.gitplatform.spi.RgbImage;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVFrameSideData;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One opened FFmpeg demuxer and video decoder (JavaCV's grabber) over a media source, bounded by the limits and the
 * deadline. Frames come out as upright RGB copies. Not thread-safe; the owner always closes it.
 */
final class FfmpegInput implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FfmpegInput.class);
    private static final int MATRIX_BYTES = 9 * Integer.BYTES;

    private final FFmpegFrameGrabber grabber;
    private final SourceStream stream;
    private final MediaLimits limits;
    private final Deadline deadline;
    private final String name;
    private final VideoInfo info;
    private final int[] streamMatrix;
    private final Set<String> notes = new LinkedHashSet<>();
    /**
     * Timestamp of the first frame, from which frame times count. Not the stream start time: decoders with B-frames
     * in AVI report every frame one frame late, and this offset cancels it.
     */
    private long originMicros = Long.MIN_VALUE;

    private FfmpegInput(FFmpegFrameGrabber grabber, SourceStream stream, MediaLimits limits, Deadline deadline,
                        String name) {
        this.grabber = grabber;
        this.stream = stream;
        this.limits = limits;
        this.deadline = deadline;
        this.name = name;
        this.info = readInfo(grabber);
        this.streamMatrix = streamMatrix(grabber);
    }

    /** Opens the first video stream with the given demuxer, refusing oversized frames before decoding any. */
    static FfmpegInput open(MediaSource source, ContainerFormat format, MediaLimits limits, Deadline deadline,
                            String name) {
        FfmpegLog.install();
        SourceStream stream = new SourceStream(source, deadline);
        FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(stream, Integer.MAX_VALUE - 8);
        grabber.setCloseInputStream(false);
        grabber.setFormat(format.demuxer);
        grabber.setPixelFormat(AV_PIX_FMT_RGB24);
        // A stream index that never matches: no audio decoder is opened, so an odd audio track cannot fail a video.
        grabber.setAudioStream(Integer.MAX_VALUE);
        // The decoder itself refuses frames over the limit, even if the bitstream contradicts the container.
        grabber.setVideoOption("max_pixels", Long.toString(maxPixelsOption(limits)));
        try {
            try {
                // Without find_stream_info: that decodes frames, and the declared size must be checked first.
                grabber.start(false);
            } catch (FrameGrabber.Exception e) {
                forgetStream(stream);
                deadline.check();
                throw diagnose(grabber.getFormatContext(), format, limits, name, e);
            }
            deadline.check();
            AVCodecParameters declared = grabber.getFormatContext().streams(grabber.getVideoStream()).codecpar();
            checkPixels(declared.width(), declared.height(), limits, name);
            findStreamInfo(grabber.getFormatContext(), limits, deadline, name);
            FfmpegInput input = new FfmpegInput(grabber, stream, limits, deadline, name);
            // Stream info may refine the size (from the bitstream when the container did not say).
            checkPixels(input.info.width(), input.info.height(), limits, name);
            return input;
        } catch (RuntimeException e) {
            release(grabber, stream);
            throw e;
        }
    }

    VideoInfo info() {
        return info;
    }

    /** Remarks on what was done to the frames (rotation applied, odd metadata ignored), in order. */
    List<String> notes() {
        return List.copyOf(notes);
    }

    /**
     * The frame with this index, by seeking to the middle of its display interval (JavaCV then decodes forward from
     * the previous key frame: frame-exact at a constant frame rate). Null when seeking fails or runs past the end.
     */
    Picture seek(long index) {
        if (originMicros == Long.MIN_VALUE && !skip()) {
            return null; // no first frame to measure from
        }
        // JavaCV adds the stream start time to the target.
        long micros = originMicros - info.startMicros() + Math.round((index + 0.5) * 1_000_000 / info.frameRate());
        try {
            grabber.setVideoTimestamp(micros);
            Frame frame = grabber.grabImage();
            deadline.check();
            return frame == null || frame.image == null ? null : picture(frame);
        } catch (FrameGrabber.Exception e) {
            deadline.check();
            LOG.debug("{}: seeking to frame {} failed", name, index, e);
            return null;
        }
    }

    /** The next frame in decoding order, or null at the end of the stream. */
    Picture next() {
        Frame frame = grab(true);
        return frame == null ? null : picture(frame);
    }

    /** Decodes the next frame without converting it; false at the end of the stream. */
    boolean skip() {
        return grab(false) != null;
    }

    /** Counts video packets (one per frame) without decoding; fails beyond {@code max}. */
    long countFrames(long max) {
        int video = grabber.getVideoStream();
        long count = 0;
        try {
            AVPacket packet;
            while ((packet = grabber.grabPacket()) != null) {
                try {
                    if (packet.stream_index() == video && packet.size() > 0) {
                        count++;
                    }
                } finally {
                    av_packet_unref(packet);
                }
                if (count > max) {
                    throw new MediaException(MediaException.Reason.TOO_LONG,
                            name + ": has more than " + max + " frames, the limit");
                }
                deadline.check();
            }
        } catch (FrameGrabber.Exception e) {
            throw corrupt("could not read the video packets", e);
        }
        deadline.check(); // the stream also ends early when time is up
        return count;
    }

    @Override
    public void close() {
        release(grabber, stream);
    }

    /** find_stream_info with the decoders' pixel limit, which JavaCV's own call cannot pass. */
    private static void findStreamInfo(AVFormatContext context, MediaLimits limits, Deadline deadline, String name) {
        int streams = context.nb_streams();
        PointerPointer<AVDictionary> options = new PointerPointer<>(streams);
        try {
            for (int i = 0; i < streams; i++) {
                AVDictionary dictionary = new AVDictionary(null);
                av_dict_set(dictionary, "max_pixels", Long.toString(maxPixelsOption(limits)), 0);
                options.put(i, dictionary);
            }
            int ret = avformat_find_stream_info(context, options);
            deadline.check();
            if (ret < 0) {
                throw new MediaException(MediaException.Reason.CORRUPT,
                        name + ": could not read the stream information (error " + ret + "); damaged file?");
            }
        } finally {
            for (int i = 0; i < streams; i++) {
                AVDictionary left = options.get(AVDictionary.class, i);
                if (left != null && !left.isNull()) { // av_dict_free dereferences its argument
                    av_dict_free(left);
                }
            }
            options.close();
        }
    }

    private Frame grab(boolean convert) {
        try {
            Frame frame = grabber.grabFrame(false, true, convert, false, false);
            deadline.check();
            if (frame != null && originMicros == Long.MIN_VALUE) {
                originMicros = frame.timestamp;
            }
            return frame;
        } catch (FrameGrabber.Exception e) {
            deadline.check();
            throw corrupt("decoding failed", e);
        }
    }

    private Picture picture(Frame frame) {
        int w = frame.imageWidth;
        int h = frame.imageHeight;
        checkPixels(w, h, limits, name);
        ByteBuffer buffer = (ByteBuffer) frame.image[0];
        byte[] rgb = new byte[w * h * 3];
        // Rows are padded to the stride; the grabber reuses this buffer for the next frame, hence the copy.
        for (int y = 0; y < h; y++) {
            buffer.get(y * frame.imageStride, rgb, y * w * 3, w * 3);
        }
        DisplayTransform transform = transform((AVFrame) frame.opaque);
        if (!transform.isIdentity()) {
            notes.add("frames " + transform.describe() + " as the rotation metadata asks");
        }
        double seconds = (frame.timestamp - originMicros) / 1e6;
        return new Picture(transform.apply(new RgbImage(w, h, rgb)), seconds, transform);
    }

    /** The frame's display matrix (FFmpeg puts EXIF orientation and stream rotation there), else the stream's. */
    private DisplayTransform transform(AVFrame frame) {
        int[] matrix = streamMatrix;
        AVFrameSideData side = frame == null ? null : av_frame_get_side_data(frame, AV_FRAME_DATA_DISPLAYMATRIX);
        if (side != null && side.size() >= MATRIX_BYTES) {
            matrix = new int[9];
            new IntPointer(side.data()).get(matrix);
        }
        if (matrix == null) {
            return DisplayTransform.IDENTITY;
        }
        return DisplayTransform.fromMatrix(matrix).orElseGet(() -> {
            notes.add("ignored a display matrix that is not a right-angle rotation");
            return DisplayTransform.IDENTITY;
        });
    }

    private static void checkPixels(long width, long height, MediaLimits limits, String name) {
        if (width * height > limits.maxPixels()) {
            throw new MediaException(MediaException.Reason.TOO_LARGE, String.format(Locale.ROOT,
                    "%s: frames are %dx%d = %.1f MP, more than the limit of %.1f MP", name, width, height,
                    width * height / 1e6, limits.maxPixels() / 1e6));
        }
    }

    private MediaException corrupt(String problem, Exception cause) {
        return new MediaException(MediaException.Reason.CORRUPT, name + ": " + problem + "; damaged file?", cause);
    }

    private static long maxPixelsOption(MediaLimits limits) {
        return Math.min(limits.maxPixels(), Integer.MAX_VALUE); // FFmpeg's option is capped at INT_MAX
    }

    private static VideoInfo readInfo(FFmpegFrameGrabber grabber) {
        AVFormatContext context = grabber.getFormatContext();
        AVStream stream = context.streams(grabber.getVideoStream());
        AVCodecParameters parameters = stream.codecpar();
        AVRational timeBase = stream.time_base();
        double fps = rate(stream.avg_frame_rate());
        if (fps == 0) {
            fps = rate(stream.r_frame_rate());
        }
        double duration = stream.duration() != AV_NOPTS_VALUE ? stream.duration() * av_q2d(timeBase)
                : context.duration() != AV_NOPTS_VALUE ? context.duration() / (double) AV_TIME_BASE : 0;
        // The same origin JavaCV uses when it seeks the video stream.
        long start = stream.start_time() != AV_NOPTS_VALUE
                ? 1_000_000L * stream.start_time() * timeBase.num() / timeBase.den()
                : context.start_time() != AV_NOPTS_VALUE ? context.start_time() : 0;
        long frames = Math.max(0, stream.nb_frames());
        return new VideoInfo(avcodec_get_name(parameters.codec_id()).getString(), parameters.width(),
                parameters.height(), fps, frames, Math.max(0, duration), start, constantFrameRate(stream, frames));
    }

    private static boolean constantFrameRate(AVStream stream, long frames) {
        int entries = avformat_index_get_entries_count(stream);
        if (frames > 2 && entries >= frames) {
            // Index timestamps are decoding times: evenly spaced at a constant rate, B-frames or not.
            long step = avformat_index_get_entry(stream, 1).timestamp() - avformat_index_get_entry(stream, 0).timestamp();
            long previous = avformat_index_get_entry(stream, 1).timestamp();
            for (int i = 2; i < entries; i++) {
                long time = avformat_index_get_entry(stream, i).timestamp();
                if (Math.abs(time - previous - step) > 1) { // one tick of rounding, e.g. 33/34 ms at 30 fps
                    return false;
                }
                previous = time;
            }
            return true;
        }
        double average = rate(stream.avg_frame_rate());
        double base = rate(stream.r_frame_rate());
        return average == 0 || base == 0 || Math.abs(average - base) <= 0.001 * base;
    }

    private static double rate(AVRational r) {
        double fps = r.num() > 0 && r.den() > 0 ? (double) r.num() / r.den() : 0;
        return fps <= 1000 ? fps : 0; // beyond that it is a time base, not a frame rate
    }

    private static int[] streamMatrix(FFmpegFrameGrabber grabber) {
        ByteBuffer side = (ByteBuffer) grabber.getVideoSideData("Display Matrix");
        if (side == null || side.capacity() < MATRIX_BYTES) {
            return null;
        }
        int[] matrix = new int[9];
        side.order(ByteOrder.nativeOrder()).asIntBuffer().get(matrix);
        return matrix;
    }

    /** Why the grabber could not start: no video stream, an undecodable codec, oversized frames, or damage. */
    private static MediaException diagnose(AVFormatContext context, ContainerFormat format, MediaLimits limits,
                                           String name, Exception cause) {
        if (context == null || context.isNull()) {
            return new MediaException(MediaException.Reason.CORRUPT, name + ": could not read the " + format.label
                    + " container; truncated or damaged file?", cause);
        }
        boolean video = false;
        boolean audio = false;
        for (int i = 0; i < context.nb_streams(); i++) {
            AVCodecParameters parameters = context.streams(i).codecpar();
            if (parameters.codec_type() == AVMEDIA_TYPE_VIDEO) {
                if (parameters.codec_id() == AV_CODEC_ID_NONE || avcodec_find_decoder(parameters.codec_id()) == null) {
                    return new MediaException(MediaException.Reason.UNSUPPORTED_CODEC, name + ": the video codec "
                            + codecName(parameters) + " cannot be decoded by this FFmpeg build", cause);
                }
                // The decoder refuses to open beyond its max_pixels option.
                checkPixels(parameters.width(), parameters.height(), limits, name);
                video = true;
            } else if (parameters.codec_type() == AVMEDIA_TYPE_AUDIO) {
                audio = true;
            }
        }
        if (!video) {
            return new MediaException(MediaException.Reason.NO_VIDEO_STREAM, name + ": the " + format.label
                    + " file has " + (audio ? "audio only and no video stream" : "no video stream"), cause);
        }
        return new MediaException(MediaException.Reason.CORRUPT, name + ": could not open the video stream of the "
                + format.label + " file; damaged file?", cause);
    }

    /** E.g. "h264", or "'ZZZZ' (unknown)" for a FourCC FFmpeg does not know. */
    private static String codecName(AVCodecParameters parameters) {
        int tag = parameters.codec_tag();
        StringBuilder fourcc = new StringBuilder();
        for (int shift = 0; shift < 32; shift += 8) {
            char c = (char) (tag >> shift & 0xFF);
            fourcc.append(c >= 0x20 && c < 0x7F ? c : '?');
        }
        return parameters.codec_id() == AV_CODEC_ID_NONE ? "'" + fourcc + "' (unknown)"
                : avcodec_get_name(parameters.codec_id()).getString() + (tag != 0 ? " ('" + fourcc + "')" : "");
    }

    /**
     * JavaCV 1.5.14 registers the stream in a static map keyed by the format context, and when avformat_open_input
     * fails, FFmpeg nulls that key's address, so JavaCV's own removal misses it: one entry leaked per bad upload.
     */
    private static void forgetStream(SourceStream stream) {
        try {
            Field field = FFmpegFrameGrabber.class.getDeclaredField("inputStreams");
            field.setAccessible(true);
            ((Map<?, ?>) field.get(null)).values().remove(stream);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.debug("could not unregister the stream of a failed open from JavaCV", e);
        }
    }

    private static void release(FFmpegFrameGrabber grabber, SourceStream stream) {
        try {
            grabber.close();
        } catch (FrameGrabber.Exception e) {
            LOG.debug("closing the FFmpeg grabber failed", e);
        } finally {
            stream.close();
        }
    }
}

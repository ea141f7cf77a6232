package io.gitplatform.core.media;

import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR;
import static org.bytedeco.ffmpeg.global.avutil.av_log_set_level;
import static org.bytedeco.ffmpeg.global.avutil.setLogCallback;

import org.bytedeco.ffmpeg.avutil.LogCallback;
import org.bytedeco.javacpp.BytePointer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * FFmpeg's own log, errors only, at debug level: a bad upload is reported once through {@link MediaException} instead
 * of FFmpeg printing to stderr. Installed once per process (FFmpeg's log callback is global).
 */
final class FfmpegLog extends LogCallback {

    private static final Logger LOG = LoggerFactory.getLogger("io.gitplatform.core.media.ffmpeg");
    private static final FfmpegLog INSTANCE = new FfmpegLog().retainReference();

    static {
        av_log_set_level(AV_LOG_ERROR);
        setLogCallback(INSTANCE);
    }

    private FfmpegLog() {
    }

    /** Does nothing but make sure the static initializer ran. */
    static void install() {
    }

    @Override
    public void call(int level, BytePointer msg) {
        if (LOG.isDebugEnabled()) {
            LOG.debug(msg.getString().strip());
        }
    }
}

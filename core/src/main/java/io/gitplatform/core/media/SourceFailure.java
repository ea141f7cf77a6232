package io.gitplatform.core.media;

/**
 * A {@link io.gitplatform.spi.VideoSource} that remembers why its last pass failed. A task head sees only the SPI's
 * {@code IllegalStateException}, and the plugin boundary keeps messages, not causes; the front door that made the
 * source asks it afterwards, so a stall or a decode timeout is answered as what it is.
 */
public interface SourceFailure {

    /** The failure that ended the last pass, or null. */
    MediaException failure();
}

package io.gitplatform.spi;

/** What a task head accepts: a still image (one frame) or a video (several frames in time order). */
public enum InputKind {
    IMAGE,
    VIDEO
}

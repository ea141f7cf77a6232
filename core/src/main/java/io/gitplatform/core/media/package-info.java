/**
 * Images and videos from outside, decoded with FFmpeg (JavaCV) into upright RGB frames. The format is recognised from
 * the content; every size, pixel count, duration and time is bounded by {@link io.gitplatform.core.media.MediaLimits},
 * and every failure is a {@link io.gitplatform.core.media.MediaException} whose reason a caller maps to its own error
 * (an HTTP status, a CLI message). The starter, the server and the CLI all decode through
 * {@link io.gitplatform.core.media.MediaDecoder} and turn results into task inputs with
 * {@link io.gitplatform.core.media.DecodedMedia#input()}.
 */
package io.gitplatform.core.media;

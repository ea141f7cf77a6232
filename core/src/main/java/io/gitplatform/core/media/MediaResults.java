package io.gitplatform.core.media;

import io.gitplatform.spi.RgbImage;
import java.util.ArrayList;
import java.util.List;

/** Builds {@link DecodedMedia} from decoded pictures, with the notes a caller should see. */
final class MediaResults {

    private MediaResults() {
    }

    static DecodedMedia image(Picture picture, ContainerFormat format, String codec, List<String> notes) {
        RgbImage image = picture.image();
        return new DecodedMedia(DecodedMedia.Kind.IMAGE, List.of(image), new long[] {0}, new double[] {0}, 1, 0, 0,
                false, format.label, codec, image.width(), image.height(), notes);
    }

    /** {@code pictures[i]} shows frame {@code indices[i]}; repeated indices share one picture. */
    static DecodedMedia video(List<Picture> pictures, long[] indices, long frameCount, double durationSeconds,
                              double frameRate, ContainerFormat format, String codec, List<String> notes) {
        boolean repeated = frameCount < indices.length;
        List<String> allNotes = new ArrayList<>();
        if (repeated) {
            allNotes.add("the clip has only " + frameCount + " frame" + (frameCount == 1 ? "" : "s")
                    + ", fewer than the " + indices.length + " requested, so frames repeat");
        }
        allNotes.addAll(notes);
        List<RgbImage> frames = pictures.stream().map(Picture::image).toList();
        double[] seconds = pictures.stream().mapToDouble(Picture::seconds).toArray();
        RgbImage first = frames.get(0);
        return new DecodedMedia(DecodedMedia.Kind.VIDEO, frames, indices, seconds, frameCount, durationSeconds,
                frameRate, repeated, format.label, codec, first.width(), first.height(), allNotes);
    }
}

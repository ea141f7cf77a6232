package io.gitplatform.core.image;

import static io.gitplatform.core.image.ResampleFilter.BICUBIC;
import static io.gitplatform.core.image.ResampleFilter.BILINEAR;
import static io.gitplatform.core.image.TestImages.gradient;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gitplatform.spi.RgbImage;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Expected bytes come from Pillow 9.4 ({@code Image.frombytes("RGB", (w, h), pattern).resize((ow, oh), filter)}) on
 * the {@link TestImages#gradient} pattern. The newer Pillow behind the fixtures agrees with the same port.
 */
class PillowResizeTests {

    @ParameterizedTest(name = "{0}x{1} -> {2}x{3} filter {4}")
    @CsvSource({
        // upscale: bicubic overshoots and is clipped to 0..255
        "3, 2, 7, 5, 2, 00264e113861456e9978a4d24574a51344770234681038481e475c49749674a1d14374a713467b03376d4f7e2f5282"
                + "465a8d8a6297ce3b74ae14518d0745828ec41685bc306ba57d508dcb3373b4155b9e0b52969ed61092cb2b6fab7a4c8aca31"
                + "73b6155da20c559b",
        "3, 2, 7, 5, 3, 000747002461476ea37ca7d34f7caa0e3e6e0025580b273d153d574e789d75a2d14a7aad0e4276002c62537c2152"
                + "813f60928d6297ce3b75b7104d8a033d7a9bd0048ec52671ab7d4f8ccb2c6fc111579e064d92b6f000a5de1c78b5774887c9"
                + "276dc4115ba607549c",
        // one dimension unchanged: that pass is skipped
        "4, 6, 4, 3, 3, 374b8d4d77b284317ca37b50857b5fab299c8a5c6b564ab611ac34d0658a92505b8fa45e",
        "6, 4, 3, 4, 2, 345e8a558a613c7e9bd22173cb25828c5ec6787c5e5a57567166853f6c73799d42e79648",
        // one-pixel sources and targets
        "1, 1, 4, 3, 3, 00264e00264e00264e00264e00264e00264e00264e00264e00264e00264e00264e00264e",
        "5, 1, 1, 1, 2, 477977",
        "1, 7, 3, 2, 3, 3f73783f73783f7378666f87666f87666f87",
        // extreme aspect ratios and large downscale factors (wide kernels)
        "300, 3, 20, 2, 3, 74608187807370747286897282777e79707f868b757a7964926f8d93788b7f7f7b7d7a79887b7599927b8b8a758a"
                + "7e8e7e909295787b868880718b8c816d8c707270888d80837d82777a768c7085836b927079737c8895787b757d85847c667c"
                + "87759d9778796e9373928b7b85789d78718f8f7f8a6d7680",
        "2, 300, 1, 24, 2, 7a6a776e6f66857f827b86758784718877917a738091867395887e88818c98836d80907b8078858b918381786f86"
                + "6a85786a739b777c8a8b7481738487907186928f787aa36b7da0",
        "97, 131, 5, 7, 3, 8081817e797a84868080807e7f7b7d8484837e7d7c8281837e7f7f7d7d798185897d7c7c82837e7f82817e7c7a84"
                + "83837c7e7b7f80828084837c7e7c8183877d817e7e7e7d8281847b7d7a8380827d807f7c7f7f8183837a7e7c7d82817f8080"
                + "7c7e7a8380857f817d",
    })
    void matchesPillow(int w, int h, int ow, int oh, int pilFilter, String expectedHex) {
        RgbImage out = PillowResize.resize(gradient(w, h), ow, oh, ResampleFilter.fromPil(pilFilter));
        assertThat(out.width()).isEqualTo(ow);
        assertThat(out.height()).isEqualTo(oh);
        assertThat(HexFormat.of().formatHex(out.rgb())).isEqualTo(expectedHex);
    }

    @Test
    void sameSizeIsAnIndependentCopy() {
        RgbImage in = gradient(5, 4);
        RgbImage out = PillowResize.resize(in, 5, 4, BICUBIC);
        assertThat(out.rgb()).isEqualTo(in.rgb()).isNotSameAs(in.rgb());
    }

    /**
     * 2 -> 5 pixels, bilinear: output pixel 3 is exactly 0.1 * 163 + 0.9 * 158 = 158.5, which a float convolution
     * rounds to 159. Pillow's fixed-point taps round to 419430 and 3774874 (of 2^22), landing just below the half: 158.
     */
    @Test
    void fixedPointRoundingDiffersFromFloatRounding() {
        RgbImage row = grey(2, 1, 163, 158);
        RgbImage column = grey(1, 2, 163, 158);
        int[] pillow = {163, 163, 161, 158, 158};
        assertThat(greys(PillowResize.resize(row, 5, 1, BILINEAR))).containsExactly(pillow);
        assertThat(greys(PillowResize.resize(column, 1, 5, BILINEAR))).containsExactly(pillow);

        ResampleCoefficients c = ResampleCoefficients.of(2, 5, BILINEAR);
        assertThat(c.fixedPoint()).contains(419430, 3774874);
        double exact = c.weights()[3 * c.ksize()] * 163 + c.weights()[3 * c.ksize() + 1] * 158;
        assertThat(Math.floor(exact + 0.5)).as("a float implementation").isEqualTo(159);
    }

    @Test
    void rejectsEmptyTargets() {
        assertThatThrownBy(() -> PillowResize.resize(gradient(2, 2), 0, 3, BILINEAR))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void resampleCodesArePils() {
        assertThat(ResampleFilter.fromPil(2)).isEqualTo(BILINEAR);
        assertThat(ResampleFilter.fromPil(3)).isEqualTo(BICUBIC);
        assertThatThrownBy(() -> ResampleFilter.fromPil(1)).hasMessageContaining("not supported");
    }

    private static RgbImage grey(int w, int h, int... levels) {
        byte[] rgb = new byte[levels.length * 3];
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = (byte) levels[i / 3];
        }
        return new RgbImage(w, h, rgb);
    }

    private static int[] greys(RgbImage image) {
        int[] out = new int[image.width() * image.height()];
        for (int i = 0; i < out.length; i++) {
            out[i] = image.rgb()[i * 3] & 0xFF;
            assertThat(image.rgb()[i * 3 + 1]).isEqualTo(image.rgb()[i * 3]);
        }
        return out;
    }
}

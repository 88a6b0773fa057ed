package org.sam2long.engine.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sam2long.engine.frame.FrameSourceException;

/** The corrupt-file corpus under test resources media/corrupt/ and a few generated cases: one clear sentence each. */
class CorruptInputTest {
    @TempDir
    Path dir;

    private static Path corpus(String name) throws URISyntaxException {
        return Path.of(CorruptInputTest.class.getResource("/media/corrupt/" + name).toURI());
    }

    private static String openFailure(Path file) {
        FrameSourceException e = assertThrows(FrameSourceException.class, () -> FrameSources.open(file.toString()).close());
        String m = e.getMessage();
        assertTrue(m.startsWith(file.toString()), m);
        assertFalse(m.contains("\n") || m.contains("Exception") || m.contains("at org."), "one plain sentence: " + m);
        assertTrue(m.endsWith("."), m);
        return m;
    }

    @Test
    void truncatedMp4() throws Exception {
        Path file = corpus("truncated.mp4");
        assertEquals(file + " is not a readable media file: its data is invalid or truncated"
                + " (FFmpeg: Invalid data found when processing input).", openFailure(file));
    }

    @Test
    void zeroBytePng() throws Exception {
        Path file = corpus("zero-bytes.png");
        assertEquals(file + " is empty (0 bytes).", openFailure(file));
    }

    @Test
    void exrWithAWrongHeader() throws Exception {
        Path file = corpus("bad-header.exr");
        assertEquals(file + " is not a valid OpenEXR image: Invalid data found when processing input.", openFailure(file));
        IOException ours = assertThrows(IOException.class, () -> ExrReader.read(file));
        assertTrue(ours.getMessage().startsWith(file + " is not a valid OpenEXR file"), ours.getMessage());
    }

    @Test
    void textFileNamedExr() throws Exception {
        Path file = corpus("not-an-image.exr");
        assertEquals(file + " is not a valid OpenEXR image: Invalid data found when processing input.", openFailure(file));
        IOException ours = assertThrows(IOException.class, () -> ExrReader.read(file));
        assertEquals(file + " is not an OpenEXR file (wrong magic number).", ours.getMessage());
    }

    @Test
    void aBadFrameInsideASequenceIsNamed() throws Exception {
        TestImages.write8(dir.resolve("plate.1001.png"), 8, 8, 1);
        Files.write(dir.resolve("plate.1002.png"), new byte[0]);
        Files.write(dir.resolve("plate.1003.png"), "not a png".getBytes(StandardCharsets.US_ASCII));
        try (var src = FrameSources.open(dir.resolve("plate.####.png").toString())) {
            assertEquals(dir.resolve("plate.1002.png") + " is empty (0 bytes).",
                    assertThrows(FrameSourceException.class, () -> src.read(1)).getMessage());
            assertEquals(dir.resolve("plate.1003.png") + " is not a valid PNG image: Invalid data found when processing input.",
                    assertThrows(FrameSourceException.class, () -> src.read(2)).getMessage());
        }
    }

    @Test
    void unsupportedCodec() throws Exception {
        Path good = TestClips.write(dir.resolve("good.mkv"), "matroska", "mpeg4", -1, 3, 24, null, r -> r.setVideoQuality(4));
        byte[] bytes = Files.readAllBytes(good);
        String s = new String(bytes, StandardCharsets.ISO_8859_1);
        int at = s.indexOf("V_MPEG4/ISO/ASP");
        assertTrue(at > 0, "codec id present in the Matroska header");
        byte[] unknown = "V_SAM2LONG/XYZW".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(unknown, 0, bytes, at, unknown.length);
        Path file = Files.write(dir.resolve("unknown-codec.mkv"), bytes);
        assertEquals(file + " uses an unknown video codec, which this FFmpeg build cannot decode.", openFailure(file));
    }

    @Test
    void audioOnlyFileHasNoVideoStream() throws Exception {
        int samples = 800;
        ByteBuffer wav = ByteBuffer.allocate(44 + samples * 2).order(ByteOrder.LITTLE_ENDIAN);
        wav.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + samples * 2).put("WAVEfmt ".getBytes(StandardCharsets.US_ASCII))
                .putInt(16).putShort((short) 1).putShort((short) 1).putInt(8000).putInt(16000).putShort((short) 2).putShort((short) 16)
                .put("data".getBytes(StandardCharsets.US_ASCII)).putInt(samples * 2);
        Path file = Files.write(dir.resolve("sound.wav"), wav.array());
        assertEquals(file + " contains no video stream.", openFailure(file));
    }

    @Test
    void missingFileAndFolder() {
        Path missing = dir.resolve("nowhere.mov");
        assertEquals(missing + " does not exist.", openFailure(missing));
        FrameSourceException folder = assertThrows(FrameSourceException.class, () -> FrameSources.open(dir.toString()));
        assertTrue(folder.getMessage().startsWith(dir + " is a folder; name a video file or a sequence pattern"), folder.getMessage());
    }
}

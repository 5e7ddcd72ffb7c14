package org.flowlab.export;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.flowlab.io.AtomicFiles;
import org.flowlab.render.Frame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * H.264 in MP4 through FFmpeg's OpenH264 encoder (the LGPL FFmpeg build JavaCV ships), yuv420p so browsers,
 * PowerPoint and Keynote play it, with the index at the front (+faststart) for the web. Written to a temporary
 * file and renamed at the end.
 */
public final class Mp4Sink implements FrameSink {

    private static final Logger LOG = LoggerFactory.getLogger(Mp4Sink.class);

    private final Path file;
    private AtomicFiles.Staged staged;
    private FFmpegFrameRecorder recorder;
    private ByteBuffer buffer;
    private int width;
    private int height;

    public Mp4Sink(Path file) {
        this.file = file.toAbsolutePath();
    }

    @Override
    public void begin(int w, int h, double fps) throws IOException {
        if (w % 2 != 0 || h % 2 != 0) {
            throw new IOException("MP4 (yuv420p) needs an even width and height, got " + w + "×" + h);
        }
        this.width = w;
        this.height = h;
        staged = AtomicFiles.stage(file);
        FFmpegLog.quiet();
        recorder = new FFmpegFrameRecorder(staged.path().toFile(), w, h, 0);
        recorder.setFormat("mp4");
        recorder.setVideoCodec(avcodec.AV_CODEC_ID_H264);
        recorder.setVideoCodecName("libopenh264");
        recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
        recorder.setFrameRate(fps);
        recorder.setGopSize((int) Math.round(fps * 2));
        // ≈ 0.12 bits per pixel per frame: crisp dots on a dark background at 1080p30 ≈ 7.5 Mbit/s.
        recorder.setVideoBitrate((int) Math.min(40_000_000, Math.max(1_000_000, 0.12 * w * h * fps)));
        recorder.setOption("movflags", "+faststart");
        recorder.setVideoOption("allow_skip_frames", "0");
        try {
            recorder.start();
        } catch (FFmpegFrameRecorder.Exception e) {
            cleanup();
            throw new IOException("cannot start the MP4 encoder: " + e.getMessage(), e);
        }
        buffer = ByteBuffer.allocateDirect(w * h * 4).order(ByteOrder.LITTLE_ENDIAN);
    }

    @Override
    public void accept(Frame frame) throws IOException {
        buffer.clear();
        // 0xAARRGGBB ints stored little-endian are the bytes B, G, R, A: FFmpeg's BGRA.
        buffer.asIntBuffer().put(frame.pixels());
        buffer.limit(width * height * 4);
        try {
            recorder.recordImage(width, height, org.bytedeco.javacv.Frame.DEPTH_UBYTE, 4, width * 4,
                    avutil.AV_PIX_FMT_BGRA, buffer);
        } catch (FFmpegFrameRecorder.Exception e) {
            throw new IOException("encoding failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void finish() throws IOException {
        try {
            recorder.stop();
            recorder.release();
        } catch (FFmpegFrameRecorder.Exception e) {
            throw new IOException("finishing the MP4 failed: " + e.getMessage(), e);
        }
        recorder = null;
        staged.commit();
        staged = null;
    }

    @Override
    public void abort() {
        cleanup();
    }

    private void cleanup() {
        if (recorder != null) {
            try {
                recorder.release();
            } catch (Exception e) {
                // Releasing after a failure; nothing more to do.
                LOG.debug("releasing the MP4 encoder after a failure", e);
            }
            recorder = null;
        }
        if (staged != null) {
            staged.discard();
            staged = null;
        }
    }
}

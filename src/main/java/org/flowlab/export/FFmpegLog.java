package org.flowlab.export;

import org.bytedeco.ffmpeg.global.avutil;

/** FFmpeg prints every encoder detail to stderr by default; FlowLab reports errors itself. */
final class FFmpegLog {

    private static volatile boolean done;

    private FFmpegLog() {
    }

    static void quiet() {
        if (!done) {
            avutil.av_log_set_level(avutil.AV_LOG_ERROR);
            done = true;
        }
    }
}

package org.hashfed.protocol.video.edit;

/**
 * What the output will be after the edits so far: frame size, frame rate, the kept window of the
 * source timeline ({@code end} is infinite while the source duration is unknown) and the bit rate
 * asked for (0 for the codec's default).
 */
record EditPlan(int width, int height, double fps, double startSeconds, double endSeconds, long bitRate) {

  EditPlan withSize(int w, int h) {
    return new EditPlan(w, h, fps, startSeconds, endSeconds, bitRate);
  }

  EditPlan withFps(double f) {
    return new EditPlan(width, height, f, startSeconds, endSeconds, bitRate);
  }

  EditPlan withWindow(double start, double end) {
    return new EditPlan(width, height, fps, start, end, bitRate);
  }

  EditPlan withBitRate(long b) {
    return new EditPlan(width, height, fps, startSeconds, endSeconds, b);
  }
}

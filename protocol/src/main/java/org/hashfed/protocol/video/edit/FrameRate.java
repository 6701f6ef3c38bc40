package org.hashfed.protocol.video.edit;

/** Changes the frame rate by dropping or repeating frames (30 to 15 drops every other one). */
public final class FrameRate extends VideoEdit {

  private final double fps;

  private FrameRate(double fps) {
    this.fps = fps;
  }

  /**
   * Output at {@code fps} frames per second.
   *
   * @throws IllegalArgumentException unless 1 &lt;= fps &lt;= 120
   */
  public static FrameRate of(double fps) {
    return new FrameRate(checkRange("frame rate", fps, 1, 120));
  }

  @Override
  public String name() {
    return "fps";
  }

  @Override
  public String toString() {
    return "fps=" + (fps == Math.rint(fps) ? Long.toString((long) fps) : Double.toString(fps));
  }

  @Override
  EditPlan plan(EditPlan in) {
    return in.withFps(fps);
  }
}

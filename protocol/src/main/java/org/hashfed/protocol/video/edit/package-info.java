/**
 * Edited copies of a video, the way re-uploads of the same footage look (scaled, bars, cropped,
 * logo, captions, greyscale, low bit rate, new frame rate, trimmed, picture-in-picture), written by
 * {@link org.hashfed.protocol.video.edit.VideoVariants} for benchmarks and demos of video matching.
 */
package org.hashfed.protocol.video.edit;

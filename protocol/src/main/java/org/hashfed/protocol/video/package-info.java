/**
 * Video decoding behind one small interface ({@link org.hashfed.protocol.video.VideoDecoder}), bounded
 * by {@link org.hashfed.protocol.video.VideoLimits}, so vPDQ hashing can be tested and an untrusted
 * upload can never take more than its budget.
 */
package org.hashfed.protocol.video;

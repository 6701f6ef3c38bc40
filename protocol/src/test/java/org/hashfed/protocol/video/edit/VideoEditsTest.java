package org.hashfed.protocol.video.edit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class VideoEditsTest {

  @ParameterizedTest
  @ValueSource(strings = {"scale=0.5", "scale=320x240", "letterbox=12%", "letterbox=10%:808080", "pillarbox=15%",
      "crop=10%", "crop=10%:keep", "logo=25%:top-right", "caption", "greyscale", "lowbitrate=150", "fps=15",
      "fps=23.976", "trim=2.0:60%", "trim=1.5:3.0", "pip=40%:bottom-right"})
  void parse_toString_roundTrips(String spec) {
    assertEquals(spec, VideoEdits.parse(spec).toString());
  }

  @Test
  void parseList_appliesInOrder() {
    List<VideoEdit> edits = VideoEdits.parseList("crop=10%, scale=0.5,logo=0.25");

    assertEquals(List.of("crop", "scale", "logo"), edits.stream().map(VideoEdit::name).toList());
    assertEquals("logo=25%:top-right", edits.get(2).toString());
  }

  @ParameterizedTest
  @CsvSource(delimiter = ';', value = {
      "scale=abc; 'abc' is not a number",
      "scale=9; scale factor 9.0",
      "scale=321x240; 321x240",
      "letterbox=45%; letterbox bar fraction 0.45",
      "crop=10%:big; option 'big'",
      "logo=25%:middle; corner 'middle'",
      "fps=0; frame rate 0.0",
      "lowbitrate=1.5; '1.5' is not a whole number",
      "trim=-1:2; trim start (s) -1.0",
      "pip=95%; picture-in-picture size fraction 0.95",
      "letterbox=10%:red; colour 'red'",
      "greyscale=1; takes no arguments",
      "blur=3; unknown edit 'blur'",
      "scale; argument 1 is missing",
  })
  void parse_badParameter_namesIt(String spec, String expected) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> VideoEdits.parse(spec));

    assertTrue(e.getMessage().startsWith("edit '" + spec + "'") && e.getMessage().contains(expected), e.getMessage());
  }

  @Test
  void factories_badValue_namesIt() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Crop.of(0.5, false));

    assertEquals("crop fraction 0.5 (expected: from 0.01 to 0.3)", e.getMessage());
  }
}

package org.hashfed.node.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Binds a parsed config file to {@link ConfigFile} with Jackson, strictly: unknown options, values
 * of the wrong type (a quoted number, a fraction where an integer is expected) and options left
 * without a value are refused with a {@link ConfigException} naming the option and the value.
 */
final class ConfigBinding {

  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
      .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
      // a number where a string is expected is read as its text (member: 42, host: 10.0.0.1 in YAML)
      .withCoercionConfig(LogicalType.Textual, c -> c
          .setCoercion(CoercionInputShape.Integer, CoercionAction.TryConvert)
          .setCoercion(CoercionInputShape.Float, CoercionAction.TryConvert)
          .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
      .build();

  // Expectations that say more than the type: the range is part of what a reader needs.
  private static final Map<String, String> EXPECTED = Map.of(
      "trust.demotion.share", "a number in (0, 1]",
      "video.seconds_per_hash", "a number of seconds, 0..60",
      "log.witnesses", "a list of {url|member, key}",
      "followers", "a list of SHA-256 certificate fingerprints");

  private ConfigBinding() {}

  /**
   * The file's options; {@code where} names the file in messages.
   *
   * @throws ConfigException naming the option and the value that do not fit
   */
  static ConfigFile bind(JsonNode root, String where) {
    if (!root.isObject()) {
      throw new ConfigException("invalid the top level of " + where + ": expected a mapping of options, got "
          + root.getNodeType());
    }
    refuseEmptyValues(root, "");
    try {
      return MAPPER.treeToValue(root, ConfigFile.class);
    } catch (UnrecognizedPropertyException e) {
      String prefix = prefix(e.getPath().subList(0, e.getPath().size() - 1));
      throw new ConfigException("unknown option \"" + prefix + e.getPropertyName() + "\": expected one of "
          + e.getKnownPropertyIds().stream().map(n -> prefix + n).sorted().toList(), e);
    } catch (MismatchedInputException e) {
      throw invalid(root, e.getPath(), expected(name(e.getPath()), e.getTargetType()), e);
    } catch (JsonMappingException e) {
      // a number beyond the target's range, wrapped with the path where it was found
      Class<?> target = e.getCause() instanceof InputCoercionException c ? c.getTargetType() : null;
      throw invalid(root, e.getPath(), expected(name(e.getPath()), target), e);
    } catch (JsonProcessingException e) {
      throw new ConfigException("invalid value in " + where + ": " + e.getOriginalMessage(), e);
    }
  }

  // An option written without a value ("port:" in YAML) would otherwise bind as absent and keep the
  // default, which is not what its author meant.
  private static void refuseEmptyValues(JsonNode node, String path) {
    if (node.isNull()) {
      throw new ConfigException("invalid " + path + ": the option has no value (remove it to keep the default)");
    }
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> f = it.next();
        refuseEmptyValues(f.getValue(), path.isEmpty() ? f.getKey() : path + "." + f.getKey());
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        refuseEmptyValues(node.get(i), path + "[" + i + "]");
      }
    }
  }

  private static ConfigException invalid(JsonNode root, List<JsonMappingException.Reference> path, String expected,
      Exception cause) {
    JsonNode value = root;
    for (JsonMappingException.Reference r : path) {
      value = r.getFieldName() != null ? value.path(r.getFieldName()) : value.path(r.getIndex());
    }
    if (value.isContainerNode() || value.isMissingNode()) {
      return new ConfigException("invalid " + name(path) + ": expected " + expected + ", got " + value.getNodeType(),
          cause);
    }
    return new ConfigException("invalid " + name(path) + " " + value + ": expected " + expected, cause);
  }

  private static String expected(String option, Class<?> target) {
    String special = EXPECTED.get(option);
    if (special != null) {
      return special;
    }
    if (target == null) {
      return "a value of another type";
    }
    if (target == Integer.class || target == Long.class || target == int.class || target == long.class) {
      return "an integer";
    }
    if (target == Double.class || target == double.class) {
      return "a number";
    }
    if (target == String.class) {
      return "a string";
    }
    if (List.class.isAssignableFrom(target)) {
      return "a list";
    }
    return "a mapping of options";
  }

  private static String name(List<JsonMappingException.Reference> path) {
    String p = prefix(path);
    return p.endsWith(".") ? p.substring(0, p.length() - 1) : p;
  }

  private static String prefix(List<JsonMappingException.Reference> path) {
    StringBuilder s = new StringBuilder();
    for (JsonMappingException.Reference r : path) {
      if (r.getFieldName() != null) {
        s.append(r.getFieldName()).append('.');
      } else {
        if (s.length() > 0 && s.charAt(s.length() - 1) == '.') {
          s.setLength(s.length() - 1);
        }
        s.append('[').append(r.getIndex()).append("].");
      }
    }
    return s.toString();
  }
}

package dev.bulwark.server.demo;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Reads the vendor-published example bodies kept under {@code standins/} on the class path. */
final class StandInJson {
  private StandInJson() {}

  static JsonObject object(String resource) {
    return new JsonObject(read(resource));
  }

  static JsonArray array(String resource) {
    return new JsonArray(read(resource));
  }

  private static String read(String resource) {
    try (InputStream in = StandInJson.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing class path resource " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

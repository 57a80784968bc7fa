package dev.bulwark.gateway.inspect;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/**
 * Reads a whole body from a stream into memory, up to a limit. Past the limit it stops keeping
 * bytes (the rest is drained and dropped) and completes with null: memory per body never exceeds
 * the limit, whatever the peer sends or claims.
 */
final class BoundedBody {
  private BoundedBody() {}

  /**
   * @return the body's bytes, or null when it exceeded {@code limit}; fails when the stream does
   */
  static Future<byte[]> read(ReadStream<Buffer> stream, long limit) {
    Promise<byte[]> done = Promise.promise();
    Buffer held = Buffer.buffer();
    boolean[] over = {false};
    stream.pause();
    stream.exceptionHandler(done::tryFail);
    stream.handler(
        chunk -> {
          if (over[0]) {
            return;
          }
          if (held.length() + (long) chunk.length() > limit) {
            over[0] = true;
            done.tryComplete(null);
          } else {
            held.appendBuffer(chunk);
          }
        });
    stream.endHandler(end -> done.tryComplete(over[0] ? null : held.getBytes()));
    stream.resume();
    return done.future();
  }

  /** The Content-Length header as a number, or -1 when absent or not a plain number. */
  static long declaredLength(String header) {
    if (header == null || header.isEmpty() || header.length() > 18) {
      return -1;
    }
    for (int i = 0; i < header.length(); i++) {
      if (header.charAt(i) < '0' || header.charAt(i) > '9') {
        return -1;
      }
    }
    return Long.parseLong(header);
  }
}

package dev.bulwark.gateway;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpMessage;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.impl.HttpServerConnection;
import io.vertx.core.http.impl.VertxHttpRequestDecoder;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Vert.x's HTTP/1.x request decoder, except that a request with both {@code Content-Length} and
 * {@code Transfer-Encoding: chunked} keeps both headers.
 *
 * <p>Why: Netty resolves that conflict by silently dropping the Content-Length (RFC 9112 §6.3
 * allows it), which is safe framing but hides a likely smuggling attempt from the Normalize stage.
 * Keeping both lets Normalize refuse it with 400 {@code norm.ambiguous_length} and close the
 * connection. Nothing after such a request's head is decoded (its body and anything pipelined
 * behind it are discarded), and the request is never forwarded. Repeated, differing Content-Length
 * headers Netty already refuses as an invalid request, which the gateway's invalid-request handler
 * answers with the same reason code.
 *
 * <p>Installed per connection by replacing Vert.x's {@code httpDecoder} handler — an internal
 * Vert.x name, so when it is absent the replacement is skipped and logged once; the gateway then
 * still never forwards an ambiguous length, it just cannot name it.
 */
final class StrictLengthDecoder extends VertxHttpRequestDecoder {
  private static final Logger LOG = LoggerFactory.getLogger(StrictLengthDecoder.class);
  private static final String DECODER = "httpDecoder";
  private static volatile boolean warned;

  StrictLengthDecoder(HttpServerOptions options) {
    super(options);
  }

  private boolean poisoned;

  @Override
  protected void handleTransferEncodingChunkedWithContentLength(HttpMessage message) {
    // Keep both headers so Normalize refuses the request, and decode nothing after its head:
    // whatever follows (a "body", a smuggled second request) is framed ambiguously by definition.
    poisoned = true;
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf buffer, List<Object> out)
      throws Exception {
    if (poisoned) {
      buffer.skipBytes(buffer.readableBytes());
      return;
    }
    super.decode(ctx, buffer, out);
  }

  /** Swaps the decoder of a freshly accepted HTTP/1.x connection. */
  static void install(HttpConnection connection, HttpServerOptions options) {
    if (!(connection instanceof HttpServerConnection internal)) {
      return; // HTTP/2 has no Content-Length / Transfer-Encoding conflict to speak of
    }
    ChannelPipeline pipeline = internal.channelHandlerContext().pipeline();
    if (pipeline.get(DECODER) instanceof VertxHttpRequestDecoder) {
      pipeline.replace(DECODER, DECODER, new StrictLengthDecoder(options));
    } else if (!warned) {
      warned = true;
      LOG.warn("Vert.x HTTP decoder not found; CL+TE requests are framed by Netty, not refused");
    }
  }
}

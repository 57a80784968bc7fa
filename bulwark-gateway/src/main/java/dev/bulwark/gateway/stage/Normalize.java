package dev.bulwark.gateway.stage;

import dev.bulwark.gateway.normalize.NormalizedPath;
import dev.bulwark.gateway.normalize.PathNormalizer;
import dev.bulwark.gateway.pipeline.Exchange;
import dev.bulwark.gateway.pipeline.Stage;
import dev.bulwark.gateway.pipeline.Verdict;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import java.util.List;
import java.util.Objects;

/**
 * Decides whether a request is unambiguous enough to judge, and gives it one canonical target.
 *
 * <p>Message framing first (RFC 9112 §6.3, request smuggling): a request carrying both {@code
 * Content-Length} and {@code Transfer-Encoding}, or more than one {@code Content-Length}, is 400
 * {@code norm.ambiguous_length}; a {@code Transfer-Encoding} other than exactly {@code chunked} is
 * 400 {@code norm.bad_request}. Netty would silently drop the Content-Length of a CL+TE request, so
 * the gateway's decoder keeps both for this stage to refuse (see {@code StrictLengthDecoder}).
 *
 * <p>Then the request-target goes through {@link PathNormalizer}: the canonical path, its
 * re-encoded form and the raw query are recorded on the exchange, or the normalizer's {@code
 * norm.*} refusal becomes a 400.
 */
public final class Normalize implements Stage.Sync {
  /** Reason code for conflicting or repeated body-length headers. */
  public static final String AMBIGUOUS_LENGTH = "norm.ambiguous_length";

  private static final Verdict.Reject AMBIGUOUS =
      Verdict.reject(
          400,
          AMBIGUOUS_LENGTH,
          "the request has conflicting or repeated Content-Length / Transfer-Encoding headers");
  private static final Verdict.Reject BAD_TRANSFER_ENCODING =
      Verdict.reject(
          400, PathNormalizer.BAD_REQUEST, "only Transfer-Encoding: chunked is accepted");

  private final PathNormalizer normalizer;

  public Normalize(PathNormalizer normalizer) {
    this.normalizer = Objects.requireNonNull(normalizer, "normalizer");
  }

  @Override
  public String name() {
    return "normalize";
  }

  @Override
  public Verdict decide(Exchange exchange) {
    Verdict.Reject framing = framing(exchange.headers());
    if (framing != null) {
      return framing;
    }
    NormalizedPath result = normalizer.normalize(exchange.rawUri());
    if (result instanceof NormalizedPath.Ok ok) {
      exchange.target(ok.app(), ok.path(), ok.encodedPath(), ok.rawQuery());
      return Verdict.CONTINUE;
    }
    NormalizedPath.Rejected refused = (NormalizedPath.Rejected) result;
    return Verdict.reject(400, refused.reason(), refused.detail());
  }

  /** The framing problem of a request's headers, or null when its body length is unambiguous. */
  static Verdict.Reject framing(MultiMap headers) {
    boolean hasLength = headers.contains(HttpHeaders.CONTENT_LENGTH);
    boolean hasEncoding = headers.contains(HttpHeaders.TRANSFER_ENCODING);
    if (!hasLength && !hasEncoding) {
      return null;
    }
    if (hasLength && hasEncoding) {
      return AMBIGUOUS;
    }
    if (hasLength) {
      List<String> lengths = headers.getAll(HttpHeaders.CONTENT_LENGTH);
      if (lengths.size() != 1 || lengths.get(0).indexOf(',') >= 0) {
        return AMBIGUOUS;
      }
      return null;
    }
    List<String> encodings = headers.getAll(HttpHeaders.TRANSFER_ENCODING);
    if (encodings.size() != 1 || !encodings.get(0).trim().equalsIgnoreCase("chunked")) {
      return BAD_TRANSFER_ENCODING;
    }
    return null;
  }
}

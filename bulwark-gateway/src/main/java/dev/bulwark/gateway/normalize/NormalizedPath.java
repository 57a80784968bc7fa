package dev.bulwark.gateway.normalize;

/**
 * The outcome of {@link PathNormalizer#normalize}: a canonical path, or a refusal with a reason.
 */
public sealed interface NormalizedPath {

  /**
   * A request target reduced to one canonical form.
   *
   * @param app the first path segment, decoded: the id of the app addressed
   * @param path the canonical path below the app, decoded, starting with {@code /}: no empty
   *     segments, no dot segments, no encoded separators. This is what authorization matches.
   * @param rawQuery the query after {@code ?} exactly as received (escapes checked, not decoded),
   *     or null when the target had no {@code ?}
   * @param encodedPath {@code path} with each segment percent-encoded again (RFC 3986 pchar,
   *     upper-case hex, {@code ;} always encoded): the only form forwarded upstream, so the
   *     upstream decodes to exactly the path that was authorized
   */
  record Ok(String app, String path, String rawQuery, String encodedPath)
      implements NormalizedPath {
    /** {@link #encodedPath} plus {@code ?rawQuery} when there was a query. */
    public String upstreamTarget() {
      return rawQuery == null ? encodedPath : encodedPath + '?' + rawQuery;
    }
  }

  /**
   * A request target refused before any decision.
   *
   * @param reason stable reason code: {@code norm.bad_encoding}, {@code norm.encoded_separator},
   *     {@code norm.path_escape} or {@code norm.bad_request}
   * @param detail human text saying what and where (char offset), never echoing the target
   */
  record Rejected(String reason, String detail) implements NormalizedPath {}
}

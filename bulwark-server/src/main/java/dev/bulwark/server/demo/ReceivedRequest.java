package dev.bulwark.server.demo;

/**
 * One request as a stand-in received it, so tests and people can see exactly what reached the
 * "SaaS". Holds no credential: only whether the injected one was right and whether the caller's own
 * Bulwark credential leaked through.
 *
 * @param method HTTP method
 * @param path raw path as received
 * @param query raw query string, or null
 * @param authorized whether the injected upstream credential matched what the vendor expects
 * @param callerCredentialSeen whether a Bulwark API key ({@code bwk_}) or an X-Api-Key reached us
 * @param requestId the X-Request-Id header, or null
 */
public record ReceivedRequest(
    String method,
    String path,
    String query,
    boolean authorized,
    boolean callerCredentialSeen,
    String requestId) {}

package dev.bulwark.model.policy;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a {@link RequestCondition} may look at, one value per CEL variable.
 *
 * <p>The gateway builds this only when the integration has a condition. Maps are used as given (no
 * copy) because this record lives for one request; a null component makes every expression that
 * reads it fail to evaluate, which denies (fail closed).
 *
 * @param method HTTP method as sent ({@code request.method})
 * @param path canonical path below the app ({@code request.path})
 * @param vars route template variables, decoded ({@code request.vars})
 * @param query first value of each query parameter, decoded ({@code request.query})
 * @param headers first value of each header, names lower-case ({@code request.headers})
 * @param sourceIp the caller's address as text ({@code source.ip})
 * @param now the decision time ({@code now})
 * @param integrationId id of the calling integration ({@code integration.id})
 * @param scopes scopes granted to the integration or its token ({@code integration.scopes})
 */
public record RequestAttributes(
    String method,
    String path,
    Map<String, String> vars,
    Map<String, String> query,
    Map<String, String> headers,
    String sourceIp,
    Instant now,
    String integrationId,
    List<String> scopes) {}

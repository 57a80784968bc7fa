/**
 * The admin REST API: read-only views of the running perimeter (integrations, apps, audit events,
 * config errors) behind a bearer token, and an unauthenticated health check. Never returns a
 * secret: credentials appear as id, hint and dates; upstream secrets only as vault references.
 */
package dev.bulwark.console;

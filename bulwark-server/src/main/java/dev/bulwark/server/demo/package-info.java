/**
 * The demo: local stand-ins for six SaaS APIs (answering on real vendor paths with vendor-shaped
 * JSON and checking the credential the gateway injects), the runtime copy of the example perimeter
 * pointed at them, and a small traffic generator.
 */
package dev.bulwark.server.demo;

/**
 * Config as code: reads {@code perimeter.yaml} into an immutable {@link
 * dev.bulwark.model.Perimeter}, validating it strictly, and watches the file so a running server
 * picks up good changes.
 *
 * <p>Every problem is a {@link dev.bulwark.model.ConfigError} located at the offending YAML node
 * ({@code file:line:column: message}); all of them are reported at once, and nothing here throws
 * for bad input. A file with any error yields no perimeter at all: the caller keeps what it had.
 */
package dev.bulwark.model.config;

/**
 * What happens to a body once its findings are known: per finding an {@link
 * dev.bulwark.dlp.action.Action} chosen by policy, and a {@link dev.bulwark.dlp.action.Redactor}
 * that rewrites the body accordingly — structurally for JSON and forms, so the result still parses.
 */
package dev.bulwark.dlp.action;

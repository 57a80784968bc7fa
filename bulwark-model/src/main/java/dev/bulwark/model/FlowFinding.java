package dev.bulwark.model;

/**
 * A sensitive value seen crossing the perimeter, as the audit log keeps it: never the value.
 *
 * @param dataClass detector class id, for example {@code fin.payment_card}
 * @param direction {@code request} or {@code response}
 * @param path JSON path ({@code $.contacts[3].email}) or null when not JSON
 * @param action what was done: allow, alert, redact, mask, tokenize, block
 */
public record FlowFinding(String dataClass, String direction, String path, String action) {}

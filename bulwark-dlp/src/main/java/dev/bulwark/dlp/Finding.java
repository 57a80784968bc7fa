package dev.bulwark.dlp;

/**
 * One sensitive value found in a body.
 *
 * @param dataClass the stable class id, e.g. {@code pii.email}
 * @param confidence 0..1; checksum-validated classes score highest
 * @param start char offset of the first char of the value in the decoded text (inclusive)
 * @param end char offset after the value (exclusive)
 * @param jsonPath where the value sits in a JSON body ({@code $.contacts[3].email}), the field name
 *     for a form body ({@code $.password}), or null for text
 */
public record Finding(String dataClass, double confidence, int start, int end, String jsonPath) {}

package dev.bulwark.model;

/**
 * A kind of data (for example {@code pii.email}) under one classification level.
 *
 * @param id stable id, also used by DLP detectors
 * @param level the classification the class sits under
 * @param description free text for people
 */
public record DataClass(String id, Classification level, String description) {}

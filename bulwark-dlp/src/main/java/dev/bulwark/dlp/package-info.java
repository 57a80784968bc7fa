/**
 * Content inspection as a library: a catalog of detectors with stable data-class ids, a {@link
 * dev.bulwark.dlp.Scanner} that finds their values in request and response bodies in one pass, and
 * (in {@code action}) the rewriting of a body by policy. Depends on nothing else of Bulwark.
 *
 * <p>Design: candidates come from a multi-literal search (Hyperscan, or a pure-Java matcher of the
 * same literals) plus a digit-run pass for numeric classes; every candidate is then confirmed by
 * the same Java code (exact span, checksum, context), so both engines report identical findings.
 */
package dev.bulwark.dlp;

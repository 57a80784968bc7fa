/**
 * Checksums and structural rules that confirm a candidate found by pattern: Luhn and issuer ranges
 * for cards, ISO 13616 mod 97 for IBANs, the ABA checksum, SSA rules for SSNs, HMRC prefix rules
 * for National Insurance numbers, IP address grammar, libphonenumber for phones and Shannon entropy
 * for free-form secrets. Each method is pure and allocation-light: it runs once per candidate.
 */
package dev.bulwark.dlp.validate;

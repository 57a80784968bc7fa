package dev.bulwark.dlp;

/** A confirmed finding in byte offsets, before overlap resolution and offset conversion. */
record RawFinding(String dataClass, int priority, int start, int end, double confidence) {}

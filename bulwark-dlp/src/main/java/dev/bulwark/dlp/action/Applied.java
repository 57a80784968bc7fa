package dev.bulwark.dlp.action;

import dev.bulwark.dlp.Finding;

/** One finding and the action applied to it (for the audit event: never the value itself). */
public record Applied(Finding finding, Action action) {}

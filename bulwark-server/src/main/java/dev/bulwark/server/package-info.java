/** The Bulwark executable: the entry point and nothing else. */
package dev.bulwark.server;

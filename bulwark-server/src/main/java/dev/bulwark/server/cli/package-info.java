/**
 * The picocli commands: serve, demo, config validate, credentials, audit verify (and scan, from the
 * DLP module). Commands parse and check their input, call the modules, and print; exit codes are 0
 * success, 1 a finding (invalid config, broken audit chain), 2 bad input.
 */
package dev.bulwark.server.cli;

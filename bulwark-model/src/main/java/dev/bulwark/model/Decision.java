package dev.bulwark.model;

/** What the perimeter decided about one request, as recorded in the audit log. */
public enum Decision {
  ALLOW,
  DENY,
  ERROR;
}

/**
 * The vocabulary of the perimeter: apps, integrations, routes, data classes, audit events. Plain
 * immutable records, built and validated once when the config is loaded.
 */
package dev.bulwark.model;

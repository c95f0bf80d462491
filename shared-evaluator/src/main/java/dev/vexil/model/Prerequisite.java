package dev.vexil.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** Another flag in the same environment that must be on and serve {@code variation}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Prerequisite(String flag, int variation) {
}

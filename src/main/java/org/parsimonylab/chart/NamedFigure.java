package org.parsimonylab.chart;

/**
 * A figure with the file-name key it is exported under, e.g. {@code sv-W1} becomes {@code <preset>-sv-W1.png}.
 *
 * @param key lower-case letters, digits and '-' (plus variant names), unique within a run's figures
 * @param figure the figure
 */
public record NamedFigure(String key, Figure figure) {}

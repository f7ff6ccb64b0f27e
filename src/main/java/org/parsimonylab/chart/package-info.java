/**
 * JFreeChart figures built from snapshots or run data, without JavaFX. May use engine, metrics, session and sweep summaries, never ui.
 */
package org.parsimonylab.chart;

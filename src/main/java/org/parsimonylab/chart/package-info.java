/**
 * JFreeChart figures built from snapshots or run data, without JavaFX. May use engine, metrics and session, never ui.
 */
package org.parsimonylab.chart;

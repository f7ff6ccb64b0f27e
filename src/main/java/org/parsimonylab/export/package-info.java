/**
 * Run folders (metrics CSV, NumPy .npy, the resolved preset as JSON text) and figure files drawn by chart. May use engine, metrics, session and chart, never preset or ui.
 */
package org.parsimonylab.export;

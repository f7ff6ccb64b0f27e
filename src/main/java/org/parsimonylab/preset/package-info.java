/**
 * Presets: strict JSON (schema 1 of DESIGN.md §5) to and from the engine's spec records, defaults, overrides, validation messages. May use engine, metrics and session, never ui.
 */
package org.parsimonylab.preset;

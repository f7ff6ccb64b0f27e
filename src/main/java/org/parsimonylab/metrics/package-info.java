/**
 * Probes that read networks between steps: singular values, class separation D_l with its geometric fit (docs/science.md §1.6). Depends on engine only.
 */
package org.parsimonylab.metrics;

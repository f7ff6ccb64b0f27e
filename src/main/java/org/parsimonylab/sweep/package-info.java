/**
 * Sweeps: grids of runs of one preset (cartesian product of swept fields × trials × the preset's variants), each run
 * executed as the real {@code run} command in a child JVM, locally on the machine's cores or as a Slurm job array on a
 * shared folder, with a plan, per-run status files and a summary table. May use engine, metrics, session, preset and
 * export, never ui, chart or cli.
 */
package org.parsimonylab.sweep;
